using System.Text.Json;
using CallFlow.Configuration;
using CallFlow.Email.Receiving;
using CallFlow.Mailbox;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>
/// <c>vmc mail list|retry|send</c> against a store in a temporary folder. E-mails are queued first with a fixed clock,
/// so what <c>list</c> prints is exact; <c>send</c> talks to CallFlow's own SMTP receiver on loopback (another store).
/// </summary>
public sealed class MailCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-mail-");
    private readonly SqliteMailboxStore _inbox;
    private readonly SmtpReceiver _receiver;

    public MailCommandTests()
    {
        _inbox = SqliteMailboxStore.Open(Path.Combine(_folder.FullName, "inbox"));
        var recipients = new SmtpRecipients("vm.acme.example", [new("Extn202", "Bob")]);
        _receiver = new SmtpReceiver(_inbox, new SmtpReceiverOptions(recipients) { Port = 0 });
    }

    private string Data => Path.Combine(_folder.FullName, "data");

    private string Config => Path.Combine(_folder.FullName, "callflow.json");

    public async Task InitializeAsync()
    {
        await _inbox.EnsureMailboxAsync("Bob");
        _receiver.Start();
        await File.WriteAllTextAsync(Config, $$"""
            { "system": { "time_zone": "Europe/London" },
              "users": [ { "name": "Alice", "extension": "201", "email": "Extn202@vm.acme.example", "email_mode": "copy" } ],
              "email": { "senders": [ { "domains": ["vm.acme.example"], "host": "127.0.0.1", "port": {{_receiver.Port}} },
                                      { "domains": ["down.example"], "host": "127.0.0.1", "port": 1 } ],
                         "retry": { "attempts": 3, "first_delay_seconds": 60, "max_delay_seconds": 600 }, "timeout_seconds": 5 } }
            """);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _inbox.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    private Task<(int ExitCode, string Output, string Error)> Mail(params string[] args) =>
        Vmc.Run(["mail", .. args, "--config", Config, "--data", Data]);

    /// <summary>A message for Alice with its copy e-mail, a failed e-mail and one waiting for a retry.</summary>
    private async Task SeedAsync()
    {
        var clock = new FixedClock(Start);
        await using var store = SqliteMailboxStore.Open(Data, new MailboxStoreOptions { Clock = clock, NewMessageId = () => "m0001" });
        await store.EnsureMailboxAsync("Alice");
        await using (var recording = await store.BeginRecordingAsync(new RecordingRequest("Alice")
                     {
                         CallerNumber = "01632960123", Email = new MessageEmail("Extn202@vm.acme.example", EmailKind.Copy),
                     }))
        {
            recording.Write(new byte[16_000]);
            await recording.CommitAsync();
        }
        var failed = await store.QueueEmailAsync(new EmailDraft("nobody@down.example", "Order line", "x"));
        await store.MarkEmailAttemptFailedAsync(failed.Id, "550 5.1.1 no such user", retryAt: null);
        var waiting = await store.QueueEmailAsync(new EmailDraft("night@down.example", "Night", "y"));
        await store.MarkEmailAttemptFailedAsync(waiting.Id, "SocketException: Connection refused", Start.AddMinutes(30));
    }

    [Fact]
    public async Task List_shows_state_attempts_next_attempt_and_last_error()
    {
        await SeedAsync();
        var (exitCode, output, error) = await Mail("list");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal(
            "ID  STATE   KIND    TO                       ATTEMPTS  NEXT ATTEMPT         LAST ERROR\n" +
            " 1  queued  copy    Extn202@vm.acme.example         0  2026-03-02 09:00:00\n" +
            " 2  failed  action  nobody@down.example             1  -                    550 5.1.1 no such user\n" +
            " 3  queued  action  night@down.example              1  2026-03-02 09:30:00  SocketException: Connection refused\n" +
            "3 e-mails: 2 queued, 0 sent, 1 failed\n", output);
    }

    [Fact]
    public async Task List_as_json_has_every_field()
    {
        await SeedAsync();
        var (_, output, _) = await Mail("list", "--format", "json");
        var emails = JsonDocument.Parse(output).RootElement.GetProperty("emails");
        Assert.Equal(3, emails.GetArrayLength());
        var first = emails[0];
        Assert.Equal(("queued", "copy", "Voicemail Message (01632960123 > Alice) From:01632960123", "m0001"),
            (first.GetProperty("state").GetString(), first.GetProperty("kind").GetString(), first.GetProperty("subject").GetString(), first.GetProperty("attachment").GetString()));
        Assert.Equal("2026-03-02T09:00:00.0000000+00:00", first.GetProperty("next_attempt").GetString());
        Assert.Equal(JsonValueKind.Null, emails[1].GetProperty("next_attempt").ValueKind);
        Assert.Equal("550 5.1.1 no such user", emails[1].GetProperty("last_error").GetString());
    }

    [Fact]
    public async Task Without_a_store_the_outbox_is_empty_and_nothing_is_created()
    {
        var (exitCode, output, _) = await Mail("list");
        Assert.Equal((0, "0 e-mails: 0 queued, 0 sent, 0 failed (no store yet)\n"), (exitCode, output));
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task Retry_makes_a_failed_email_due_again_with_fresh_attempts()
    {
        await SeedAsync();
        var (exitCode, output, _) = await Mail("retry", "2");
        Assert.Equal((0, "1 e-mail due now: the server sends it when it runs, or 'vmc mail send' does now\n"), (exitCode, output));
        await using (var store = SqliteMailboxStore.Open(Data))
        {
            var email = (await store.GetEmailAsync(2))!;
            Assert.Equal((OutboxState.Queued, 0), (email.State, email.Attempts));
            Assert.True(email.NextAttemptUtc > Start);
        }
        (exitCode, output, _) = await Mail("retry", "--all");
        Assert.Equal((0, "3 e-mails due now: the server sends them when it runs, or 'vmc mail send' does now\n"), (exitCode, output));
    }

    [Theory]
    [InlineData(new string[0], "give the ID of one e-mail, or --all")]
    [InlineData(new[] { "9" }, "there is no e-mail 9")]
    [InlineData(new[] { "1", "--all" }, "give the ID of one e-mail, or --all")]
    public async Task Retry_needs_one_known_email_or_all(string[] args, string message)
    {
        await SeedAsync();
        var (exitCode, _, error) = await Mail(["retry", .. args]);
        Assert.Equal(2, exitCode);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Send_delivers_what_is_due_and_leaves_the_rest_for_later()
    {
        await SeedAsync();
        var (exitCode, output, error) = await Mail("send");

        // The copy went to the receiver; the e-mail to the dead server is retried later; the failed one is left alone.
        Assert.Equal(3, exitCode);
        Assert.StartsWith("1 sent, 1 to retry later, 0 failed for good; 1 e-mail waiting; next attempt ", output);
        Assert.Contains("outbox: e-mail 3 to night@down.example: attempt 2 failed", error);
        Assert.Single(await _inbox.ListMessagesAsync("Bob", MessageState.New));
        await using (var store = SqliteMailboxStore.Open(Data))
        {
            var emails = await store.ListEmailsAsync();
            Assert.Equal([OutboxState.Sent, OutboxState.Failed, OutboxState.Queued], emails.Select(e => e.State));
            Assert.Equal(2, emails[2].Attempts);
        }

        (exitCode, output, _) = await Mail("send");
        Assert.Equal((0, "0 sent, 0 to retry later, 0 failed for good; 1 e-mail waiting; "), (exitCode, output[..output.IndexOf("next", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task Send_without_a_sender_says_so()
    {
        await File.WriteAllTextAsync(Config, """{ "users": [ { "name": "Alice" } ] }""");
        var (exitCode, _, error) = await Mail("send");
        Assert.Equal(1, exitCode);
        Assert.Contains("names no SMTP sender (email.senders)", error);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
