using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;

namespace CallFlow.Email.Tests;

/// <summary>
/// The SMTP Sender list (reference §10.2) against real servers: routing by recipient domain between two servers,
/// STARTTLS and implicit TLS with a pinned self-signed certificate, and authentication (CRAM-MD5 and the default).
/// </summary>
public sealed class RoutingAndSecurityTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("callflow-smtp-").FullName;
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
            await owned.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<AioSmtpd> ServerAsync(SmtpdMode mode = SmtpdMode.Plain, TestCertificate? certificate = null, (string, string, string[])? auth = null)
    {
        var server = await AioSmtpd.StartAsync(_directory, 0, mode, certificate, auth);
        _owned.Add(server);
        return server;
    }

    private EmailHarness Site(string email)
    {
        var site = new EmailHarness(email);
        _owned.Add(site);
        return site;
    }

    private static Task<OutboxEmail> QueueAsync(EmailHarness site, string to) =>
        site.Store.QueueEmailAsync(new EmailDraft(to, $"for {to}", "hello"));

    [Fact]
    public async Task Each_recipient_domain_goes_to_its_entry_and_the_rest_to_the_first()
    {
        var main = await ServerAsync();
        var partner = await ServerAsync();
        var site = Site($$"""
            { "senders": [
                { "domains": ["acme.example"], "host": "127.0.0.1", "port": {{main.Port}}, "sender": "voicemail@acme.example" },
                { "domains": ["partner.example"], "host": "127.0.0.1", "port": {{partner.Port}}, "sender": "acme-voicemail@partner.example" } ] }
            """);
        await QueueAsync(site, "alice@acme.example");
        await QueueAsync(site, "bob@partner.example");
        await QueueAsync(site, "carol@elsewhere.example");
        await QueueAsync(site, "dave@PARTNER.EXAMPLE");

        Assert.Equal(new OutboxRunSummary(4, 0, 0), await site.Worker().RunOnceAsync());

        var viaMain = await main.WaitForMessagesAsync(2, Wait);
        var viaPartner = await partner.WaitForMessagesAsync(2, Wait);
        Assert.Equal(["alice@acme.example", "carol@elsewhere.example"], viaMain.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(["bob@partner.example", "dave@PARTNER.EXAMPLE"], viaPartner.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(viaPartner, m => Assert.Equal("acme-voicemail@partner.example", m.From.Mailboxes.Single().Address));
        Assert.All(viaMain, m => Assert.Equal("voicemail@acme.example", m.From.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task Starttls_with_the_pinned_certificate_delivers()
    {
        var certificate = TestCertificate.Create(_directory);
        var server = await ServerAsync(SmtpdMode.StartTls, certificate);
        var site = Site($$"""
            { "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "security": "starttls", "certificate_sha256": "{{certificate.Sha256}}" } ] }
            """);
        await QueueAsync(site, "alice@acme.example");
        Assert.Equal(new OutboxRunSummary(1, 0, 0), await site.Worker().RunOnceAsync());
        Assert.Single(await server.WaitForMessagesAsync(1, Wait));
    }

    [Fact]
    public async Task Starttls_refuses_a_certificate_it_cannot_trust_and_plain_is_refused_by_a_server_that_requires_tls()
    {
        var certificate = TestCertificate.Create(_directory);
        var server = await ServerAsync(SmtpdMode.StartTls, certificate);
        var strict = Site($$"""{ "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "security": "starttls" } ] }""");
        var email = await QueueAsync(strict, "alice@acme.example");
        Assert.Equal(new OutboxRunSummary(0, 1, 0), await strict.Worker().RunOnceAsync());
        Assert.Contains("certificate", (await strict.Store.GetEmailAsync(email.Id))!.LastError, StringComparison.OrdinalIgnoreCase);

        var plain = Site($$"""{ "senders": [ { "host": "127.0.0.1", "port": {{server.Port}} } ] }""");
        email = await QueueAsync(plain, "alice@acme.example");
        // 530 "STARTTLS first": a configuration to fix, not a refusal of this e-mail, so it is retried.
        Assert.Equal(new OutboxRunSummary(0, 1, 0), await plain.Worker().RunOnceAsync());
        Assert.Contains("STARTTLS", (await plain.Store.GetEmailAsync(email.Id))!.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task Implicit_tls_delivers()
    {
        var certificate = TestCertificate.Create(_directory);
        var server = await ServerAsync(SmtpdMode.Tls, certificate);
        var site = Site($$"""
            { "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "security": "tls", "certificate_sha256": "{{certificate.Sha256}}" } ] }
            """);
        await QueueAsync(site, "alice@acme.example");
        Assert.Equal(new OutboxRunSummary(1, 0, 0), await site.Worker().RunOnceAsync());
        Assert.Single(await server.WaitForMessagesAsync(1, Wait));
    }

    [Fact]
    public async Task Cram_md5_authenticates_with_the_password_from_its_file()
    {
        var server = await ServerAsync(SmtpdMode.Auth, auth: ("voicemail", "s3cret pass", ["CRAM-MD5", "PLAIN", "LOGIN"]));
        var site = Site($$"""
            { "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "user": "voicemail", "password_file": "smtp-password.txt", "cram_md5": true } ] }
            """);
        await File.WriteAllTextAsync(Path.Combine(site.Directory, "smtp-password.txt"), "s3cret pass\n");
        await QueueAsync(site, "alice@acme.example");

        Assert.Equal(new OutboxRunSummary(1, 0, 0), await site.Worker().RunOnceAsync());

        var mail = Assert.Single(await server.WaitForMessagesAsync(1, Wait));
        Assert.Equal("CRAM-MD5 voicemail", mail.Headers["X-Auth"]);
    }

    [Fact]
    public async Task Without_cram_md5_the_server_offer_decides_and_a_wrong_password_is_retried()
    {
        var server = await ServerAsync(SmtpdMode.Auth, auth: ("voicemail", "right", ["PLAIN", "LOGIN"]));
        var good = Site($$"""{ "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "user": "voicemail", "password": "right" } ] }""");
        await QueueAsync(good, "alice@acme.example");
        Assert.Equal(new OutboxRunSummary(1, 0, 0), await good.Worker().RunOnceAsync());
        Assert.Matches("^(PLAIN|LOGIN) voicemail$", Assert.Single(await server.WaitForMessagesAsync(1, Wait)).Headers["X-Auth"]);

        var bad = Site($$"""{ "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "user": "voicemail", "password": "wrong" } ] }""");
        var email = await QueueAsync(bad, "bob@acme.example");
        // An administrator can fix a password: an authentication failure is retried, not given up at once.
        Assert.Equal(new OutboxRunSummary(0, 1, 0), await bad.Worker().RunOnceAsync());
        Assert.Contains("Authentication", (await bad.Store.GetEmailAsync(email.Id))!.LastError, StringComparison.Ordinal);

        var cram = Site($$"""{ "senders": [ { "host": "127.0.0.1", "port": {{server.Port}}, "user": "voicemail", "password": "right", "cram_md5": true } ] }""");
        email = await QueueAsync(cram, "carol@acme.example");
        Assert.Equal(new OutboxRunSummary(0, 1, 0), await cram.Worker().RunOnceAsync());
        Assert.Contains("does not offer CRAM-MD5", (await cram.Store.GetEmailAsync(email.Id))!.LastError, StringComparison.Ordinal);
        Assert.Single(server.Messages());
    }
}
