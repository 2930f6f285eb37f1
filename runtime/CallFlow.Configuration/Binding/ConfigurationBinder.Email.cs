using System.Collections.Immutable;
using System.Net;
using CallFlow.Configuration.Json;

namespace CallFlow.Configuration.Binding;

internal sealed partial class ConfigurationBinder
{
    private static readonly (string, SmtpSecurity)[] Securities =
        [("none", SmtpSecurity.None), ("starttls", SmtpSecurity.StartTls), ("tls", SmtpSecurity.Tls)];

    /// <summary>The <c>email</c> section (reference §10.2, §10.3): senders, receiver, retries.</summary>
    private EmailSettings BindEmailSection(ObjectScope root)
    {
        var d = EmailSettings.Default;
        if (ReadSection(root, "email", ConfigKeys.Email) is not { } scope)
            return d;
        var senders = BindSenders(scope);
        var firstDomain = senders.IsEmpty || senders[0].Domains.IsEmpty ? null : senders[0].Domains[0];
        return new EmailSettings(
            senders,
            BindReceiver(scope, firstDomain),
            BindRetry(scope),
            ReadInt(scope, "concurrency", d.Concurrency, 1, 64, "e-mails at once"),
            ReadInt(scope, "timeout_seconds", d.TimeoutSeconds, 1, 600, "seconds"));
    }

    private ImmutableArray<SmtpSenderSettings> BindSenders(ObjectScope email)
    {
        var senders = ImmutableArray.CreateBuilder<SmtpSenderSettings>();
        var routed = new Dictionary<string, string>(StringComparer.Ordinal); // domain → the entry that has it
        var items = ReadList(email, "senders");
        for (var i = 0; i < items.Length; i++)
        {
            var path = Index(email.PathOf("senders"), i);
            if (items[i] is not ConfigObject node)
            {
                WrongType(items[i], path, "a sender object { \"host\": … }");
                continue;
            }
            if (BindSender(new ObjectScope(node, path, path, ConfigKeys.Sender, _sink), routed) is { } sender)
                senders.Add(sender);
        }
        return senders.ToImmutable();
    }

    private SmtpSenderSettings? BindSender(ObjectScope scope, Dictionary<string, string> routed)
    {
        var host = ReadHost(scope, "host");
        if (host is null && scope["host"] is null)
            _sink.Error(scope.Node.Offset, scope.Path, ConfigurationCodes.MissingKey, "this sender has no \"host\": the SMTP server to send through",
                "add \"host\": its name or IP address, e.g. \"mail.example.com\"");
        var security = ReadChoice(scope, "security", SmtpSecurity.None, Securities, "a connection security");
        var port = ReadInt(scope, "port", SmtpSenderSettings.DefaultPort(security), 1, 65535, "");
        var domains = BindDomains(scope, routed);
        var sender = ReadAddressText(scope, "sender");
        var senderName = ReadString(scope, "sender_name");
        if (senderName is not null && senderName.Any(char.IsControl))
        {
            _sink.Error(scope["sender_name"]!.Value.Offset, scope.PathOf("sender_name"), ConfigurationCodes.InvalidValue,
                "sender_name must not contain control characters (tabs, line breaks, …)");
            senderName = null;
        }
        var (user, password, passwordFile, cramMd5) = BindCredentials(scope);
        if (user is not null && security == SmtpSecurity.None && !cramMd5)
            _sink.Warning(scope["user"]!.Value.Offset, scope.PathOf("user"), ConfigurationCodes.PasswordInClear,
                "the password would cross the network in clear: this sender uses no TLS and no CRAM-MD5",
                "set \"security\" to \"starttls\" or \"tls\", or \"cram_md5\": true, unless the server is on this machine");
        var pin = BindCertificatePin(scope, security);
        return host is null ? null : new SmtpSenderSettings(host, port, security, domains, sender, senderName is { Length: > 0 } ? senderName : null,
            user, password, passwordFile, cramMd5, pin);
    }

    /// <summary>Recipient domains (reference §10.2 Mail Domain: a DNS name or an IP address), lower case; a domain given twice is a warning.</summary>
    private ImmutableArray<string> BindDomains(ObjectScope scope, Dictionary<string, string> routed)
    {
        var domains = ImmutableArray.CreateBuilder<string>();
        var items = ReadList(scope, "domains");
        for (var i = 0; i < items.Length; i++)
        {
            var path = Index(scope.PathOf("domains"), i);
            if (items[i] is not ConfigScalar { Type: System.Text.Json.JsonTokenType.String } scalar)
            {
                WrongType(items[i], path, "a domain as a string, e.g. \"example.com\"");
                continue;
            }
            var domain = scalar.Text.ToLowerInvariant();
            if (!EmailAddresses.IsValidDomain(domain) && !IPAddress.TryParse(domain, out _))
            {
                _sink.Error(scalar.Offset, path, ConfigurationCodes.InvalidValue, $"'{scalar.Text}' is not a mail domain",
                    "write a domain such as \"example.com\" (no '@', no spaces), or an IP address");
                continue;
            }
            if (routed.TryGetValue(domain, out var owner))
            {
                _sink.Warning(scalar.Offset, path, ConfigurationCodes.Repeated,
                    $"'{domain}' is already routed to {owner}; the first entry that lists a domain sends its mail, so this one is ignored");
                continue;
            }
            routed[domain] = scope.Path;
            domains.Add(domain);
        }
        return domains.ToImmutable();
    }

    /// <summary>user, password or password_file, cram_md5 (reference §10.2: Server Requires Authentication, Cram MD5).</summary>
    private (string? User, string? Password, string? PasswordFile, bool CramMd5) BindCredentials(ObjectScope scope)
    {
        var user = ReadString(scope, "user") is { Length: > 0 } u ? u : null;
        var password = ReadString(scope, "password");
        var passwordFile = ReadString(scope, "password_file");
        var cramMd5 = ReadBool(scope, "cram_md5", false);
        if (passwordFile is not null && (passwordFile.Trim().Length == 0 || passwordFile.Any(char.IsControl)))
        {
            _sink.Error(scope["password_file"]!.Value.Offset, scope.PathOf("password_file"), ConfigurationCodes.InvalidValue,
                "password_file must be a file path, not empty and without control characters", "a relative path is relative to the folder of this file");
            passwordFile = null;
        }
        if (password is not null && passwordFile is not null)
            _sink.Error(scope["password_file"]!.NameOffset, scope.PathOf("password_file"), ConfigurationCodes.Inconsistent,
                "give the password either in \"password\" or in \"password_file\", not both", "keep password_file: it keeps the secret out of this file");
        if (user is not null && password is null && passwordFile is null)
            _sink.Error(scope["user"]!.Value.Offset, scope.PathOf("user"), ConfigurationCodes.MissingKey,
                $"user '{user}' has no password", "add \"password_file\" (or \"password\")");
        if (user is null && (password is not null || passwordFile is not null))
        {
            var key = password is not null ? "password" : "password_file";
            _sink.Error(scope[key]!.NameOffset, scope.PathOf(key), ConfigurationCodes.Inconsistent,
                $"{key} is set but \"user\" is not, so the server would never be asked to authenticate", "add \"user\": the account name");
        }
        if (cramMd5 && user is null)
            _sink.Error(scope["cram_md5"]!.Value.Offset, scope.PathOf("cram_md5"), ConfigurationCodes.Inconsistent,
                "cram_md5 authenticates an account, but \"user\" is not set", "add \"user\" and \"password_file\", or remove cram_md5");
        return (user, password, passwordFile, cramMd5);
    }

    /// <summary>A pinned certificate: 64 hex digits, colons and spaces allowed between them; only with TLS.</summary>
    private string? BindCertificatePin(ObjectScope scope, SmtpSecurity security)
    {
        if (ReadString(scope, "certificate_sha256") is not { } text)
            return null;
        var property = scope["certificate_sha256"]!;
        var hex = new string([.. text.Where(c => c is not (':' or ' '))]).ToUpperInvariant();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            _sink.Error(property.Value.Offset, scope.PathOf("certificate_sha256"), ConfigurationCodes.InvalidValue,
                "certificate_sha256 must be the SHA-256 fingerprint of the server's certificate: 64 hex digits",
                "openssl x509 -in server.crt -noout -fingerprint -sha256");
            return null;
        }
        if (security == SmtpSecurity.None)
        {
            _sink.Error(property.NameOffset, scope.PathOf("certificate_sha256"), ConfigurationCodes.Inconsistent,
                "certificate_sha256 pins a TLS certificate, but this sender uses no TLS", "set \"security\" to \"starttls\" or \"tls\"");
            return null;
        }
        return hex;
    }

    private SmtpReceiverSettings BindReceiver(ObjectScope email, string? firstDomain)
    {
        var d = SmtpReceiverSettings.Default;
        if (ReadSection(email, "receiver", ConfigKeys.Receiver) is not { } scope)
            return d with { Domain = firstDomain };
        var enabled = ReadBool(scope, "enabled", d.Enabled);
        var domain = firstDomain;
        if (ReadString(scope, "domain") is { } text)
        {
            if (EmailAddresses.IsValidDomain(text.ToLowerInvariant()) || IPAddress.TryParse(text, out _))
                domain = text.ToLowerInvariant();
            else
                _sink.Error(scope["domain"]!.Value.Offset, scope.PathOf("domain"), ConfigurationCodes.InvalidValue,
                    $"'{text}' is not a mail domain", "write the fully qualified name of this server, e.g. \"vmpro1.example.com\"");
        }
        else if (enabled && domain is null)
        {
            // Reference §10.3: the receiver's domain must match the first SMTP Sender entry's Mail Domain.
            _sink.Error(scope["enabled"]!.Value.Offset, scope.PathOf("enabled"), ConfigurationCodes.MissingKey,
                "the receiver needs a mail domain to accept mail for, and the first sender lists none",
                "add \"domain\" here, or \"domains\" to the first sender");
        }
        return new SmtpReceiverSettings(
            enabled,
            ReadAddress(scope, "address") ?? d.Address,
            ReadInt(scope, "port", d.Port, 1, 65535, ""),
            domain,
            ReadInt(scope, "max_message_mb", d.MaxMessageMegabytes, 1, 1024, "MiB"));
    }

    private EmailRetryPolicy BindRetry(ObjectScope email)
    {
        var d = EmailRetryPolicy.Default;
        if (ReadSection(email, "retry", ConfigKeys.Retry) is not { } scope)
            return d;
        var first = ReadInt(scope, "first_delay_seconds", d.FirstDelaySeconds, 1, 86_400, "seconds");
        var max = ReadInt(scope, "max_delay_seconds", Math.Max(d.MaxDelaySeconds, first), 1, 604_800, "seconds");
        if (max < first && scope["max_delay_seconds"] is { } property)
            _sink.Error(property.Value.Offset, scope.PathOf("max_delay_seconds"), ConfigurationCodes.Inconsistent,
                $"max_delay_seconds ({max}) is shorter than first_delay_seconds ({first})");
        return new EmailRetryPolicy(ReadInt(scope, "attempts", d.Attempts, 1, 100, "attempts"), first, Math.Max(max, first));
    }

    /// <summary>An SMTP server: a host name or an IP address, or null (reported) when it is neither.</summary>
    private string? ReadHost(ObjectScope scope, string key)
    {
        if (ReadString(scope, key) is not { } text)
            return null;
        if (IPAddress.TryParse(text, out var address) && text.Trim() == text)
            return address.ToString();
        if (EmailAddresses.IsValidDomain(text))
            return text;
        _sink.Error(scope[key]!.Value.Offset, scope.PathOf(key), ConfigurationCodes.InvalidValue,
            $"'{text}' is not a host name or IP address", "e.g. \"mail.example.com\" or \"192.0.2.25\"");
        return null;
    }

    /// <summary>An e-mail address (checked), or null when absent, null, "" or wrong.</summary>
    private string? ReadAddressText(ObjectScope scope, string key)
    {
        if (ReadString(scope, key) is not { Length: > 0 } text)
            return null;
        if (EmailAddresses.IsValid(text))
            return text;
        _sink.Error(scope[key]!.Value.Offset, scope.PathOf(key), ConfigurationCodes.InvalidValue,
            $"'{text}' is not an e-mail address", "write it as voicemail@example.com");
        return null;
    }

    /// <summary>Reference §10.4: modes need the server to be able to send; without a sender they would do nothing.</summary>
    private void CheckEmailModes(List<MailboxDraft<UserConfiguration>> users, List<MailboxDraft<GroupConfiguration>> groups, EmailSettings email)
    {
        if (email.Enabled)
            return;
        // A mode without an address is already an error (CFG304); one warning per mailbox is enough.
        var drafts = users.Select(u => (u.Value.EmailMode, u.Value.Email, u.EmailModeOffset, u.Path))
            .Concat(groups.Select(g => (g.Value.EmailMode, g.Value.Email, g.EmailModeOffset, g.Path)));
        foreach (var (mode, address, offset, path) in drafts)
        {
            if (mode != EmailMode.Off && address is not null && offset >= 0)
                _sink.Warning(offset, ObjectScope.Join(path, "email_mode"), ConfigurationCodes.EmailModeWithoutSender,
                    $"e-mail mode '{mode.ToString().ToLowerInvariant()}' has no effect: no SMTP sender is configured, so nothing is e-mailed",
                    "add \"email\": { \"senders\": [ { \"host\": … } ] }");
        }
    }
}
