using System.Collections.Concurrent;
using System.Diagnostics;
using CallFlow.Server.Alarms;

namespace CallFlow.Server.Tests.Alarms;

/// <summary>
/// The scheduler's loop with a stand-in for the SIP call: due alarms ring, at most two at once, unanswered ones are
/// repeated, finished ones move on in the book, missed ones are skipped, and a call the server stops is left due.
/// Real time; alarms are made due at once, with one-second intervals, and every wait is bounded.
/// </summary>
public sealed class AlarmSchedulerTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-alarm-scheduler-");
    private readonly LogCapture _log = new();
    private readonly AlarmBook _book;
    private readonly ConcurrentQueue<(int Id, DateTimeOffset At)> _calls = new();
    private AlarmScheduler? _scheduler;

    public AlarmSchedulerTests() => _book = AlarmBook.Open(_data.FullName, setAside: true);

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
            await _scheduler.DisposeAsync();
        _data.Delete(recursive: true);
    }

    private static Alarm Due(string target, AlarmFrequency frequency = AlarmFrequency.Single, int retries = 0, DateTimeOffset? at = null)
    {
        // Whole minutes, as alarm times are (and as the book stores them).
        var exact = at ?? DateTimeOffset.UtcNow;
        var now = new DateTimeOffset(exact.Year, exact.Month, exact.Day, exact.Hour, exact.Minute, 0, TimeSpan.Zero);
        return new Alarm
        {
            Id = 0, Target = target, Time = new TimeOnly(now.Hour, now.Minute), Frequency = frequency, Day = now.DayOfWeek, Retries = retries,
            Interval = TimeSpan.FromSeconds(1), Occurrence = now, NextRing = now,
        };
    }

    private void Start(Func<Alarm, CancellationToken, Task<AlarmCallResult>> ring)
    {
        _scheduler = new AlarmScheduler(_book, TimeZoneInfo.Utc, TimeProvider.System, async (alarm, token) =>
        {
            _calls.Enqueue((alarm.Id, DateTimeOffset.UtcNow));
            return await ring(alarm, token);
        }, _log.CreateLogger("CallFlow.Alarms"));
        _scheduler.Start();
    }

    private async Task Until(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, $"{what} did not happen within {Bound}\n{_log}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task At_most_two_alarm_calls_ring_at_once_and_the_others_wait()
    {
        foreach (var target in new[] { "201", "202", "203" })
            _book.Add(Due(target));
        var release = new TaskCompletionSource<AlarmCallResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var active = 0;
        var most = 0;
        Start(async (_, _) =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref most, now);
            try
            {
                return await release.Task;
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        });
        await Until(() => _calls.Count == 2, "two calls");
        await Task.Delay(1500); // several turns of the loop: the third still waits
        Assert.Equal(2, _calls.Count);
        Assert.Equal(2, _scheduler!.Ringing);
        release.SetResult(AlarmCallResult.Acknowledged);
        await Until(() => _book.Alarms.IsEmpty, "all three done");
        Assert.Equal([1, 2, 3], _calls.Select(c => c.Id).Order());
        Assert.Equal(2, most);
        Assert.Equal(3, _scheduler.CallsPlaced);
    }

    [Fact]
    public async Task An_unanswered_alarm_is_repeated_after_its_interval_then_a_single_one_leaves_the_book()
    {
        _book.Add(Due("201", retries: 2));
        Start((_, _) => Task.FromResult(AlarmCallResult.NoAnswer));
        await Until(() => _book.Alarms.IsEmpty, "the alarm done");
        var calls = _calls.ToArray();
        Assert.Equal(3, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(900), $"{calls[0].At:O} {calls[1].At:O}");
        Assert.True(calls[2].At - calls[1].At >= TimeSpan.FromMilliseconds(900), $"{calls[1].At:O} {calls[2].At:O}");
        Assert.Contains(_log.Lines, l => l.Contains("alarm 1 for 201: NoAnswer; repeat 1 at", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, l => l.Contains("alarm 1 for 201: NoAnswer; done, removed from the book", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_acknowledged_daily_alarm_moves_on_to_tomorrow()
    {
        var alarm = _book.Add(Due("201", AlarmFrequency.Daily));
        Start((_, _) => Task.FromResult(AlarmCallResult.Acknowledged));
        await Until(() => _book.Alarms.Single().Occurrence != alarm.Occurrence, "the next occurrence");
        var next = _book.Alarms.Single();
        Assert.Equal(alarm.Occurrence.AddDays(1), next.NextRing);
        Assert.Equal(0, next.Attempt);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task An_alarm_added_by_another_writer_is_rung()
    {
        Start((_, _) => Task.FromResult(AlarmCallResult.Acknowledged));
        await Task.Delay(300);
        AlarmBook.Open(_data.FullName, setAside: false).Add(Due("205"));
        await Until(() => _calls.Count == 1, "the call");
        await Until(() => _book.Alarms.IsEmpty, "the single alarm done");
    }

    [Fact]
    public async Task An_alarm_missed_by_more_than_an_hour_is_not_rung_but_moved_on()
    {
        var late = DateTimeOffset.UtcNow.AddHours(-2);
        var alarm = _book.Add(Due("201", AlarmFrequency.Daily, at: late));
        _book.Add(Due("202", at: late));
        Start((_, _) => Task.FromResult(AlarmCallResult.Acknowledged));
        await Until(() => _book.Alarms.Length == 1 && _book.Alarms[0].Occurrence != alarm.Occurrence, "the missed alarms moved on");
        Assert.Equal(alarm.Occurrence.AddDays(1), _book.Alarms[0].NextRing);
        Assert.Empty(_calls);
        Assert.Equal(2, _log.Lines.Count(l => l.Contains("was missed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_call_the_server_stops_leaves_the_alarm_due()
    {
        var alarm = _book.Add(Due("201"));
        Start(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return AlarmCallResult.Acknowledged;
        });
        await Until(() => _calls.Count == 1, "the call");
        var stopping = _scheduler!.DisposeAsync().AsTask();
        Assert.True(await Task.WhenAny(stopping, Task.Delay(Bound)) == stopping, "the scheduler did not stop");
        _scheduler = null;
        Assert.Equal(alarm, Assert.Single(AlarmBook.Open(_data.FullName, setAside: false).Alarms));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
