using CallFlow.Email.Sending;
using CallFlow.Mailbox;

namespace CallFlow.Email;

/// <summary>
/// Sends the outbox (docs/email.md): one loop per server, off every call's path. It takes due e-mails, at most
/// <see cref="OutboxWorkerOptions.Concurrency"/> at a time, reads each attachment from its message file at send time,
/// and records the outcome in the store: sent (and a Forward-mode message removed), retried after a backoff that
/// doubles from the first delay up to the longest (no jitter: the schedule follows the clock exactly), or failed for
/// good after the last attempt or a permanent refusal (kept, shown by <c>vmc mail list</c>). Nothing escapes the
/// loop: a dead server, a failing store or a bad e-mail is logged and the loop goes on.
/// </summary>
/// <example><code>
/// var worker = new OutboxWorker(store, new EmailSender(config.Email, baseDir), OutboxWorkerOptions.For(config.Email, TimeProvider.System));
/// var loop = worker.RunAsync(stopping);   // until stopping is cancelled
/// </code></example>
public sealed partial class OutboxWorker
{
    private readonly IEmailOutbox _outbox;
    private readonly IEmailTransport _transport;
    private readonly OutboxWorkerOptions _options;
    private TaskCompletionSource _wakeup = NewSignal();
    private long _sent;
    private long _retried;
    private long _failed;

    /// <summary>A worker for <paramref name="outbox"/> sending through <paramref name="transport"/>.</summary>
    public OutboxWorker(IEmailOutbox outbox, IEmailTransport transport, OutboxWorkerOptions? options = null)
    {
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _options = options ?? new OutboxWorkerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Concurrency, 1, nameof(options));
    }

    /// <summary>E-mails accepted by a server since this worker was made.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Failed attempts that will be tried again.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>E-mails given up for good.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Makes a running loop look at the queue now (the store's <see cref="IEmailOutbox.EmailQueued"/> does this).</summary>
    public void Wake() => Volatile.Read(ref _wakeup).TrySetResult();

    /// <summary>
    /// Sends every e-mail due now, each at most once, then returns: the queue is drained, or what is left waits for
    /// a later attempt. For <c>vmc mail send</c> and tests; a server runs <see cref="RunAsync"/> instead.
    /// </summary>
    public async Task<OutboxRunSummary> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var tried = new HashSet<long>();
        int sent = 0, retrying = 0, failed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = (await _outbox.ListDueEmailsAsync(Now, _options.Concurrency * 4 + tried.Count, cancellationToken).ConfigureAwait(false))
                .Where(e => !tried.Contains(e.Id)).ToList();
            if (due.Count == 0)
                break;
            due.ForEach(e => tried.Add(e.Id));
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(due, parallel, async (email, ct) =>
            {
                switch (await SendOneAsync(email, ct).ConfigureAwait(false))
                {
                    case AttemptOutcome.Sent: Interlocked.Increment(ref sent); break;
                    case AttemptOutcome.Retrying: Interlocked.Increment(ref retrying); break;
                    case AttemptOutcome.Failed: Interlocked.Increment(ref failed); break;
                }
            }).ConfigureAwait(false);
        }
        return new OutboxRunSummary(sent, retrying, failed);
    }

    private DateTimeOffset Now => _options.Clock.GetUtcNow();

    private void Log(string line)
    {
        try
        {
            _options.Log?.Invoke(line);
        }
        catch (Exception)
        {
            // A broken log must not stop the mail.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
