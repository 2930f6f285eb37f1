using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Alarms;

/// <summary>
/// Rings the alarms of an <see cref="AlarmBook"/> when they are due: one loop for every alarm, woken by the clock
/// (<see cref="TimeProvider"/>: the next alarm's time, at most <see cref="PollInterval"/> away, so changes made by
/// <c>vmc alarm</c> are seen within a second) or by <see cref="Wake"/>. At most <see cref="MaxCalls"/> alarm calls
/// run at once (reference §3.5); the others wait, earliest first. After each call the book takes the alarm's next
/// state (<see cref="AlarmSchedule.AfterCall"/>); an alarm the server missed by more than
/// <see cref="AlarmSchedule.MissedAfter"/> is logged and moved on without ringing.
/// </summary>
public sealed class AlarmScheduler : IAsyncDisposable
{
    /// <summary>Alarm calls at once (Voicemail Pro's limit).</summary>
    public const int MaxCalls = 2;

    /// <summary>The longest the loop sleeps: how soon a change to the file is seen.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly AlarmBook _book;
    private readonly TimeZoneInfo _zone;
    private readonly TimeProvider _clock;
    private readonly Func<Alarm, CancellationToken, Task<AlarmCallResult>> _ring;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, Task> _ringing = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _callsPlaced;

    /// <summary>A scheduler for <paramref name="book"/> in <paramref name="zone"/>; <paramref name="ring"/> makes one
    /// alarm call and says how it went.</summary>
    public AlarmScheduler(AlarmBook book, TimeZoneInfo zone, TimeProvider clock, Func<Alarm, CancellationToken, Task<AlarmCallResult>> ring, ILogger log)
    {
        _book = book;
        _zone = zone;
        _clock = clock;
        _ring = ring;
        _log = log;
    }

    /// <summary>Alarm calls made since the start (answered or not).</summary>
    public int CallsPlaced => Volatile.Read(ref _callsPlaced);

    /// <summary>Alarm calls in progress now.</summary>
    public int Ringing => _ringing.Count;

    /// <summary>Starts the loop.</summary>
    public void Start() => _loop ??= Task.Run(() => LoopAsync(_stopping.Token));

    /// <summary>Looks at the book now (an alarm was booked, or a call ended).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            var wait = PollInterval;
            try
            {
                wait = Dispatch(stopping);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                _log.LogError("alarm book {File}: {Error}; retrying", _book.FilePath, e.Message);
            }
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            await Task.WhenAny(wake.Task, Task.Delay(wait, _clock, sleep.Token)).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the calls that are due and free lines allow; returns how long to sleep.</summary>
    private TimeSpan Dispatch(CancellationToken stopping)
    {
        _book.Refresh();
        var now = _clock.GetUtcNow();
        var wait = PollInterval;
        foreach (var alarm in _book.Alarms.OrderBy(a => a.NextRing).ThenBy(a => a.Id))
        {
            if (_ringing.ContainsKey(alarm.Id))
                continue;
            if (alarm.NextRing > now)
            {
                var until = alarm.NextRing - now;
                wait = until < wait ? until : wait;
                break;
            }
            if (AlarmSchedule.IsMissed(alarm, now))
            {
                var next = AlarmSchedule.NextOccurrence(alarm, now, _zone);
                _book.Update(alarm.Id, _ => next);
                _log.LogWarning("alarm {Id} for {Target} due at {Due} was missed (the server was not running); {Next}", alarm.Id, alarm.Target,
                    Local(alarm.NextRing), next is null ? "removed" : $"next ring {Local(next.NextRing)}");
                continue;
            }
            if (_ringing.Count >= MaxCalls)
                break; // the others wait for a free line; a call's end wakes the loop
            var call = new TaskCompletionSource();
            _ringing[alarm.Id] = call.Task;
            Interlocked.Increment(ref _callsPlaced);
            _ = RingAsync(alarm, stopping).ContinueWith(_ => call.TrySetResult(), TaskScheduler.Default);
        }
        return wait;
    }

    private async Task RingAsync(Alarm alarm, CancellationToken stopping)
    {
        try
        {
            _log.LogInformation("alarm {Id}: calling {Target} (attempt {Attempt} of {Calls})", alarm.Id, alarm.Target, alarm.Attempt + 1, alarm.Retries + 1);
            AlarmCallResult result;
            try
            {
                result = await Task.Run(() => _ring(alarm, stopping), CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                result = AlarmCallResult.Interrupted;
            }
            catch (Exception e)
            {
                _log.LogError(e, "alarm {Id} for {Target}: the call failed", alarm.Id, alarm.Target);
                result = AlarmCallResult.Failed;
            }
            if (result == AlarmCallResult.Interrupted)
            {
                _log.LogInformation("alarm {Id} for {Target}: interrupted by the server stopping; it stays due", alarm.Id, alarm.Target);
                return;
            }
            var next = AlarmSchedule.AfterCall(alarm, result, _clock.GetUtcNow(), _zone);
            // The stored alarm moves on, unless an administrator changed it during the call (theirs stands) or removed it.
            var changed = false;
            var found = _book.Update(alarm.Id, stored =>
            {
                changed = stored.Occurrence != alarm.Occurrence || stored.Attempt != alarm.Attempt;
                return changed ? stored : next;
            });
            _log.LogInformation("alarm {Id} for {Target}: {Result}; {Next}", alarm.Id, alarm.Target, result,
                !found ? "it was removed meanwhile"
                : changed ? "it was changed meanwhile and is left as it is"
                : next is null ? "done, removed from the book"
                : next.Attempt > 0 ? $"repeat {next.Attempt} at {Local(next.NextRing)}"
                : $"next ring {Local(next.NextRing)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _log.LogError("alarm {Id}: the book could not be updated after the call: {Error}", alarm.Id, e.Message);
        }
        finally
        {
            _ringing.TryRemove(alarm.Id, out _);
            Wake();
        }
    }

    private string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>Stops the loop and waits for the calls in progress to end (they are told to stop).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Wake();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_ringing.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }
}
