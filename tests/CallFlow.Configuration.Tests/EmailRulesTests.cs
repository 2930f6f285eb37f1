namespace CallFlow.Configuration.Tests;

/// <summary>The email section (reference §10.2, §10.3): senders, routing by domain, credentials, receiver, retries.</summary>
public sealed class EmailRulesTests
{
    private static ConfigurationResult Load(string email) => Config.Parse($$"""{ "email": {{email}} }""");

    [Fact]
    public void Without_an_email_section_nothing_is_sent_and_the_receiver_is_off()
    {
        var email = Config.Valid("{}").Email;
        Assert.Equal(EmailSettings.Default, email);
        Assert.False(email.Enabled);
        Assert.False(email.Receiver.Enabled);
        Assert.Null(email.MailDomain);
        Assert.Null(email.SenderFor("alice@example.com"));
    }

    [Fact]
    public void A_full_section_is_read()
    {
        var result = Load("""
            {
              "senders": [
                { "domains": ["VMPro1.Example.com", "example.com"], "host": "mail.example.com", "port": 587, "security": "starttls",
                  "sender": "voicemail@example.com", "sender_name": "Voicemail", "user": "vm", "password_file": "secret.txt",
                  "certificate_sha256": "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89" },
                { "domains": ["partner.example"], "host": "192.0.2.25", "security": "tls", "user": "x", "password": "y", "cram_md5": true },
              ],
              "receiver": { "enabled": true, "address": "0.0.0.0", "port": 2526, "max_message_mb": 8 },
              "retry": { "attempts": 5, "first_delay_seconds": 10, "max_delay_seconds": 60 },
              "concurrency": 2,
              "timeout_seconds": 15,
            }
            """);
        Assert.Empty(result.Diagnostics);
        var email = result.Configuration!.Email;
        var first = email.Senders[0];
        Assert.Equal(("mail.example.com", 587, SmtpSecurity.StartTls, "voicemail@example.com", "Voicemail", "vm", null, "secret.txt", false),
            (first.Host, first.Port, first.Security, first.Sender, first.SenderName, first.User, first.Password, first.PasswordFile, first.CramMd5));
        Assert.Equal(["vmpro1.example.com", "example.com"], first.Domains.ToArray());
        Assert.Equal("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", first.CertificateSha256);
        var second = email.Senders[1];
        Assert.Equal((465, SmtpSecurity.Tls, "y", true), (second.Port, second.Security, second.Password, second.CramMd5));
        Assert.Equal(new SmtpReceiverSettings(true, "0.0.0.0", 2526, "vmpro1.example.com", 8), email.Receiver);
        Assert.Equal(new EmailRetryPolicy(5, 10, 60), email.Retry);
        Assert.Equal((2, 15), (email.Concurrency, email.TimeoutSeconds));
        Assert.Equal("vmpro1.example.com", email.MailDomain);
    }

    [Theory]
    [InlineData("bob@partner.example", 1)]
    [InlineData("bob@PARTNER.example", 1)]
    [InlineData("alice@example.com", 0)]
    [InlineData("someone@elsewhere.example", 0)]
    [InlineData("someone@sub.partner.example", 0)]
    public void The_entry_for_the_recipient_domain_sends_and_the_first_is_the_default(string recipient, int entry)
    {
        var email = Config.Valid("""
            { "email": { "senders": [ { "domains": ["example.com"], "host": "a.example.com" },
                                      { "domains": ["partner.example"], "host": "b.example.com" } ] } }
            """).Email;
        Assert.Same(email.Senders[entry], email.SenderFor(recipient));
    }

    [Fact]
    public void The_retry_schedule_doubles_up_to_the_longest_wait()
    {
        var policy = new EmailRetryPolicy(10, 30, 200);
        Assert.Equal([30, 60, 120, 200, 200], Enumerable.Range(1, 5).Select(n => policy.DelayAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromHours(1), EmailRetryPolicy.Default.DelayAfter(100));
    }

    [Fact]
    public void A_password_without_tls_or_cram_md5_is_a_warning()
    {
        var result = Load("""{ "senders": [ { "host": "mail.example.com", "user": "vm", "password": "x" } ] }""");
        Assert.NotNull(result.Configuration);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ConfigurationCodes.PasswordInClear, "email.senders[0].user"), (warning.Code, warning.Path));
        Assert.Empty(Load("""{ "senders": [ { "host": "mail.example.com", "user": "vm", "password": "x", "cram_md5": true } ] }""").Diagnostics);
    }

    [Fact]
    public void A_domain_routed_twice_is_a_warning_and_the_first_entry_keeps_it()
    {
        var result = Load("""{ "senders": [ { "domains": ["a.example"], "host": "one" }, { "domains": ["A.example", "b.example"], "host": "two" } ] }""");
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ConfigurationCodes.Repeated, "email.senders[1].domains[0]"), (warning.Code, warning.Path));
        Assert.Equal(["b.example"], result.Configuration!.Email.Senders[1].Domains.ToArray());
    }

    [Fact]
    public void An_email_mode_without_a_sender_is_a_warning_at_the_mode()
    {
        var result = Config.Parse("""{ "users": [ { "name": "Alice", "email": "alice@example.com", "email_mode": "forward" } ] }""");
        Assert.NotNull(result.Configuration);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal((ConfigurationCodes.EmailModeWithoutSender, "users[0].email_mode"), (warning.Code, warning.Path));
        Assert.Contains("'forward' has no effect", warning.Message);
        Assert.Empty(Config.Parse("""
            { "users": [ { "name": "Alice", "email": "alice@example.com", "email_mode": "forward" } ], "email": { "senders": [ { "host": "mail" } ] } }
            """).Diagnostics);
    }

    [Theory]
    [InlineData("""{ "senders": [ { "port": 25 } ] }""", ConfigurationCodes.MissingKey, "email.senders[0]", "no \"host\"")]
    [InlineData("""{ "senders": [ { "host": "mail server" } ] }""", ConfigurationCodes.InvalidValue, "email.senders[0].host", "not a host name")]
    [InlineData("""{ "senders": [ { "host": "mail", "port": 0 } ] }""", ConfigurationCodes.OutOfRange, "email.senders[0].port", "between 1 and 65535")]
    [InlineData("""{ "senders": [ { "host": "mail", "security": "ssl" } ] }""", ConfigurationCodes.InvalidValue, "email.senders[0].security", "\"starttls\"")]
    [InlineData("""{ "senders": [ { "host": "mail", "domains": ["@example.com"] } ] }""", ConfigurationCodes.InvalidValue, "email.senders[0].domains[0]", "not a mail domain")]
    [InlineData("""{ "senders": [ { "host": "mail", "sender": "voicemail" } ] }""", ConfigurationCodes.InvalidValue, "email.senders[0].sender", "not an e-mail address")]
    [InlineData("""{ "senders": [ { "host": "mail", "security": "tls", "user": "vm" } ] }""", ConfigurationCodes.MissingKey, "email.senders[0].user", "has no password")]
    [InlineData("""{ "senders": [ { "host": "mail", "security": "tls", "password": "x" } ] }""", ConfigurationCodes.Inconsistent, "email.senders[0].password", "\"user\" is not")]
    [InlineData("""{ "senders": [ { "host": "mail", "security": "tls", "user": "u", "password": "x", "password_file": "p" } ] }""", ConfigurationCodes.Inconsistent, "email.senders[0].password_file", "not both")]
    [InlineData("""{ "senders": [ { "host": "mail", "cram_md5": true } ] }""", ConfigurationCodes.Inconsistent, "email.senders[0].cram_md5", "\"user\" is not set")]
    [InlineData("""{ "senders": [ { "host": "mail", "security": "tls", "certificate_sha256": "abc" } ] }""", ConfigurationCodes.InvalidValue, "email.senders[0].certificate_sha256", "64 hex digits")]
    [InlineData("""{ "senders": [ { "host": "mail", "certificate_sha256": "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789" } ] }""", ConfigurationCodes.Inconsistent, "email.senders[0].certificate_sha256", "no TLS")]
    [InlineData("""{ "senders": [ { "host": "mail" } ], "receiver": { "enabled": true } }""", ConfigurationCodes.MissingKey, "email.receiver.enabled", "needs a mail domain")]
    [InlineData("""{ "receiver": { "domain": "not a domain" } }""", ConfigurationCodes.InvalidValue, "email.receiver.domain", "not a mail domain")]
    [InlineData("""{ "receiver": { "port": 70000 } }""", ConfigurationCodes.OutOfRange, "email.receiver.port", "between 1 and 65535")]
    [InlineData("""{ "retry": { "first_delay_seconds": 60, "max_delay_seconds": 30 } }""", ConfigurationCodes.Inconsistent, "email.retry.max_delay_seconds", "shorter than first_delay_seconds")]
    [InlineData("""{ "retry": { "attempts": 0 } }""", ConfigurationCodes.OutOfRange, "email.retry.attempts", "between 1 and 100")]
    [InlineData("""{ "concurency": 2 }""", ConfigurationCodes.UnknownKey, "email.concurency", "did you mean 'concurrency'")]
    [InlineData("""{ "senders": { "host": "mail" } }""", ConfigurationCodes.WrongType, "email.senders", "a list")]
    public void Mistakes_are_reported_at_their_key(string email, string code, string path, string message)
    {
        var result = Load(email);
        Assert.Null(result.Configuration);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.True(code == diagnostic.Code && path == diagnostic.Path, diagnostic.ToString());
        Assert.Contains(message, diagnostic.ToString());
    }

    [Fact]
    public void A_password_file_resolves_next_to_the_configuration()
    {
        var config = ConfigurationLoader.Parse("""{ "email": { "senders": [ { "host": "m", "security": "tls", "user": "u", "password_file": "p.txt" } ] } }""",
            Path.Combine(Path.GetTempPath(), "site", "callflow.json")).Configuration!;
        Assert.Equal(Path.Combine(Path.GetTempPath(), "site", "p.txt"), config.ResolvePath(config.Email.Senders[0].PasswordFile!, "/elsewhere"));
    }
}
