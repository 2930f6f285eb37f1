using System.Net.Sockets;
using CallFlow.Configuration;
using CallFlow.Email.Sending;
using CallFlow.Email.Tests.Support;
using CallFlow.Mailbox;

namespace CallFlow.Email.Tests;

/// <summary>The worker's schedule, limits and resilience, with a fake transport and a clock the test moves.</summary>
public sealed class OutboxWorkerTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("callflow-outbox-").FullName;
    private readonly List<string> _log = [];
    private SqliteMailboxStore _store = null!;

    public Task InitializeAsync()
    {
        _store = SqliteMailboxStore.Open(_directory, new MailboxStoreOptions { Clock = _clock });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private OutboxWorker Worker(IEmailTransport transport, EmailRetryPolicy? retry = null, int concurrency = 4, IEmailOutbox? outbox = null) =>
        new(outbox ?? _store, transport, new OutboxWorkerOptions
        {
            Clock = _clock,
            Retry = retry ?? new EmailRetryPolicy(4, 30, 100),
            Concurrency = concurrency,
            PollInterval = TimeSpan.FromSeconds(30),
            StoreErrorDelay = TimeSpan.FromMilliseconds(100),
            Log = line => { lock (_log) _log.Add(line); },
        });

    private Task<OutboxEmail> QueueAsync(string to = "a@example.com") => _store.QueueEmailAsync(new EmailDraft(to, "s", "b"));

    [Fact]
    public async Task Failures_back_off_30_60_then_the_cap_and_the_last_attempt_gives_up()
    {
        var email = await QueueAsync();
        var worker = Worker(FakeTransport.Refusing(new SocketException((int)SocketError.ConnectionRefused)));
        var start = _clock.Now;
        var schedule = new List<(int Attempts, DateTimeOffset Next, OutboxState State)>();
        foreach (var wait in new[] { 0, 30, 60, 100 })
        {
            _clock.Advance(TimeSpan.FromSeconds(wait));
            Assert.Equal(1, (await worker.RunOnceAsync()).Attempts);
            var now = (await _store.GetEmailAsync(email.Id))!;
            schedule.Add((now.Attempts, now.NextAttemptUtc, now.State));
            Assert.Equal(0, (await worker.RunOnceAsync()).Attempts); // nothing else is due
        }
        Assert.Equal(
        [
            (1, start.AddSeconds(30), OutboxState.Queued),
            (2, start.AddSeconds(90), OutboxState.Queued),
            (3, start.AddSeconds(190), OutboxState.Queued), // 120 s capped at 100
            (4, start.AddSeconds(190), OutboxState.Failed),
        ], schedule);
        Assert.Contains("SocketException", (await _store.GetEmailAsync(email.Id))!.LastError, StringComparison.Ordinal);
        Assert.Contains(_log, line => line.Contains("failed for good after 4 attempts", StringComparison.Ordinal));
        Assert.Equal((0, 3, 1), (worker.Sent, worker.Retried, worker.Failed));
    }

    [Fact]
    public async Task A_permanent_refusal_or_a_missing_attachment_fails_at_once()
    {
        var refused = await QueueAsync();
        Assert.Equal(new OutboxRunSummary(0, 0, 1), await Worker(FakeTransport.Refusing(new EmailRejectedException("550 no such user"))).RunOnceAsync());
        Assert.Equal((OutboxState.Failed, "550 no such user"), ((await _store.GetEmailAsync(refused.Id))!.State, (await _store.GetEmailAsync(refused.Id))!.LastError));

        var orphan = await _store.QueueEmailAsync(new EmailDraft("a@example.com", "s", "b") { AttachmentMessageId = "gone" });
        var transport = new FakeTransport(_ => Task.CompletedTask);
        Assert.Equal(new OutboxRunSummary(0, 0, 1), await Worker(transport).RunOnceAsync());
        Assert.Equal("message gone, its attachment, no longer exists", (await _store.GetEmailAsync(orphan.Id))!.LastError);
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task No_more_than_the_concurrency_is_in_flight()
    {
        for (var i = 0; i < 12; i++)
            await QueueAsync($"u{i}@example.com");
        var transport = new FakeTransport(_ => Task.Delay(50));
        Assert.Equal(new OutboxRunSummary(12, 0, 0), await Worker(transport, concurrency: 3).RunOnceAsync());
        Assert.Equal(3, transport.MaxInFlight);
    }

    [Fact]
    public async Task The_loop_wakes_when_an_email_is_queued_and_survives_a_failing_store()
    {
        var transport = new FakeTransport(_ => Task.CompletedTask);
        var flaky = new FlakyOutbox(_store, failures: 3);
        var worker = Worker(transport, outbox: flaky);
        using var stopping = new CancellationTokenSource();
        var loop = worker.RunAsync(stopping.Token);

        await Task.Delay(300); // the store fails three times meanwhile; the loop carries on
        await QueueAsync();
        // Sent long before the 30 s poll: the store's EmailQueued woke the loop.
        Assert.True(await EmailHarness.EventuallyAsync(() => Task.FromResult(transport.Sent.Count == 1), TimeSpan.FromSeconds(10)));
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, _log.Count(line => line.Contains("the store failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stopping_interrupts_an_attempt_without_counting_it()
    {
        var email = await QueueAsync();
        var started = new TaskCompletionSource();
        var transport = new FakeTransport(async _ =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite);
        });
        using var stopping = new CancellationTokenSource();
        var worker = new OutboxWorker(_store, new CancellingTransport(transport), new OutboxWorkerOptions { Clock = _clock });
        var loop = worker.RunAsync(stopping.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stopping.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        var after = (await _store.GetEmailAsync(email.Id))!;
        Assert.Equal((OutboxState.Queued, 0), (after.State, after.Attempts));
    }

    /// <summary>Passes the token to a transport whose sends never end on their own.</summary>
    private sealed class CancellingTransport(FakeTransport inner) : IEmailTransport
    {
        public MimeKit.MailboxAddress FromFor(string recipient, string? fallback) => inner.FromFor(recipient, fallback);

        public Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken = default) =>
            inner.SendAsync(message, cancellationToken).WaitAsync(cancellationToken);
    }

    /// <summary>The real store, except that listing due e-mails fails the first few times.</summary>
    private sealed class FlakyOutbox(IEmailOutbox inner, int failures) : IEmailOutbox
    {
        private int _failures = failures;

        public event EventHandler? EmailQueued
        {
            add => inner.EmailQueued += value;
            remove => inner.EmailQueued -= value;
        }

        public Task<IReadOnlyList<OutboxEmail>> ListDueEmailsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
            Interlocked.Decrement(ref _failures) >= 0
                ? throw new IOException("disk unplugged")
                : inner.ListDueEmailsAsync(now, limit, cancellationToken);

        public Task<OutboxEmail> QueueEmailAsync(EmailDraft draft, CancellationToken cancellationToken = default) => inner.QueueEmailAsync(draft, cancellationToken);
        public Task<OutboxEmail?> GetEmailAsync(long id, CancellationToken cancellationToken = default) => inner.GetEmailAsync(id, cancellationToken);
        public Task<IReadOnlyList<OutboxEmail>> ListEmailsAsync(CancellationToken cancellationToken = default) => inner.ListEmailsAsync(cancellationToken);
        public Task<DateTimeOffset?> NextEmailDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.NextEmailDueAsync(now, cancellationToken);
        public Task<OutboxEmail?> MarkEmailSentAsync(long id, CancellationToken cancellationToken = default) => inner.MarkEmailSentAsync(id, cancellationToken);
        public Task<OutboxEmail?> MarkEmailAttemptFailedAsync(long id, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default) =>
            inner.MarkEmailAttemptFailedAsync(id, error, retryAt, cancellationToken);
        public Task<int> RetryEmailsAsync(long? id, CancellationToken cancellationToken = default) => inner.RetryEmailsAsync(id, cancellationToken);
        public Task<int> PurgeSentEmailsAsync(DateTimeOffset sentBefore, CancellationToken cancellationToken = default) => inner.PurgeSentEmailsAsync(sentBefore, cancellationToken);
        public Task<IMessagePlayback?> OpenPlaybackAsync(string messageId, CancellationToken cancellationToken = default) => inner.OpenPlaybackAsync(messageId, cancellationToken);
    }
}
