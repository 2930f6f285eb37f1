using CallFlow.Mailbox;

namespace CallFlow.Email;

public sealed partial class OutboxWorker
{
    /// <summary>
    /// The server's loop: runs until <paramref name="stopping"/> is cancelled, then waits for the attempts in flight
    /// to end (they are cancelled too; an interrupted attempt is not counted and is tried again later). Never throws.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var inFlight = new Dictionary<long, Task>();
        DateTimeOffset? lastPurge = null;
        void OnQueued(object? sender, EventArgs e) => Wake();
        _outbox.EmailQueued += OnQueued;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Taken before looking at the queue, so a wake-up that comes while we look is not lost.
                var signal = Volatile.Read(ref _wakeup).Task;
                TimeSpan wait;
                try
                {
                    foreach (var done in inFlight.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
                        inFlight.Remove(done);
                    var now = Now;
                    var waiting = (await _outbox.ListDueEmailsAsync(now, _options.Concurrency + inFlight.Count, stopping).ConfigureAwait(false))
                        .Where(e => !inFlight.ContainsKey(e.Id)).ToList();
                    var free = _options.Concurrency - inFlight.Count;
                    foreach (var email in waiting.Take(Math.Max(free, 0)))
                        inFlight[email.Id] = StartAttempt(email, stopping);
                    lastPurge = await PurgeSentAsync(lastPurge, stopping).ConfigureAwait(false);
                    // Due e-mails left over wait for a free slot (a finishing attempt wakes the loop); else sleep until the next is due.
                    wait = waiting.Count > Math.Max(free, 0) ? _options.PollInterval : await UntilNextDueAsync(now, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    Log($"outbox: the store failed ({e.GetType().Name}: {e.Message}); looking again in {_options.StoreErrorDelay.TotalSeconds:0} s");
                    wait = _options.StoreErrorDelay;
                }
                await SleepAsync(signal, wait, stopping).ConfigureAwait(false);
            }
        }
        finally
        {
            _outbox.EmailQueued -= OnQueued;
            await Task.WhenAll(inFlight.Values).ConfigureAwait(false);
        }
    }

    /// <summary>An attempt of its own; when it ends a slot is free, so the loop is woken.</summary>
    private Task StartAttempt(OutboxEmail email, CancellationToken stopping) => Task.Run(async () =>
    {
        try
        {
            await SendOneAsync(email, stopping).ConfigureAwait(false);
        }
        finally
        {
            Wake();
        }
    }, CancellationToken.None);

    /// <summary>How long to sleep: until the next e-mail falls due, never longer than the poll interval.</summary>
    private async Task<TimeSpan> UntilNextDueAsync(DateTimeOffset now, CancellationToken stopping)
    {
        if (await _outbox.NextEmailDueAsync(now, stopping).ConfigureAwait(false) is not { } next)
            return _options.PollInterval;
        var wait = next - Now;
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < _options.PollInterval ? wait : _options.PollInterval;
    }

    private async Task SleepAsync(Task signal, TimeSpan wait, CancellationToken stopping)
    {
        if (wait > TimeSpan.Zero && !signal.IsCompleted)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var delay = Task.Delay(wait, _options.Clock, timer.Token);
            await Task.WhenAny(signal, delay).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
        }
        if (signal.IsCompleted)
            Interlocked.Exchange(ref _wakeup, NewSignal());
    }

    /// <summary>Removes sent e-mails older than <see cref="OutboxWorkerOptions.KeepSent"/>, at most once an hour.</summary>
    private async Task<DateTimeOffset?> PurgeSentAsync(DateTimeOffset? last, CancellationToken stopping)
    {
        var now = Now;
        if (last is { } l && now - l < TimeSpan.FromHours(1))
            return last;
        var removed = await _outbox.PurgeSentEmailsAsync(now - _options.KeepSent, stopping).ConfigureAwait(false);
        if (removed > 0)
            Log($"outbox: removed {removed} e-mails sent more than {_options.KeepSent.TotalDays:0} days ago");
        return now;
    }
}
