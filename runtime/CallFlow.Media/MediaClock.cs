using System.Diagnostics;

namespace CallFlow.Media;

/// <summary>
/// The one clock that paces every call's media: one dedicated thread per lane (one by default, one per core in the
/// server) that wakes every period (20 ms) and ticks each of its streams in one pass over a dense array. Tick n is due
/// at start + n × period on <see cref="Stopwatch"/> time for every lane, so lateness never accumulates and all streams
/// keep the same schedule; a tick that starts late is followed at once by the ones that are due (catching up), and
/// after a stall longer than <c>maxCatchUpTicks</c> periods the missed ticks are skipped instead of sent in a burst.
/// The clock measures itself (<see cref="GetStats"/>): lateness, interval deviation and work per tick.
/// </summary>
/// <remarks>
/// A new stream goes to the lane with the fewest. Registering and unregistering only enqueue a change, which the lane's
/// thread applies before its next pass, so the pass itself takes no lock. A tick that throws drops its stream (see
/// <see cref="MediaClockRegistration.Fault"/>) and the others go on. One clock serves thousands of streams: 50
/// wake-ups a second per lane, not 50 per call. More lanes split a tick's work (a send, a read and a frame per stream)
/// across cores, so one lane preempted or busy does not make every call's packet late.
/// </remarks>
/// <example><code>
/// using var clock = new MediaClock();
/// clock.Start();
/// using var registration = clock.Register(session);   // session.Tick(n) every 20 ms from now on
/// </code></example>
public sealed class MediaClock : IDisposable
{
    /// <summary>The packet time of G.711 telephony: 20 ms.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>Ticks a late clock catches up on before it skips instead: 5, i.e. 100 ms of 20 ms packets.</summary>
    public const int DefaultMaxCatchUpTicks = 5;

    private readonly MediaClockLane[] _lanes;
    private readonly Lock _threadLock = new();
    private Thread[]? _threads;
    private volatile bool _stopping;

    /// <summary>Creates a stopped clock.</summary>
    /// <param name="period">Time between ticks; 20 ms when null. At least 1 ms.</param>
    /// <param name="maxCatchUpTicks">How many overdue ticks run back to back before the rest are skipped (0 or more).</param>
    /// <param name="lanes">Threads that share the streams (1 to 64); the server uses one per core.</param>
    public MediaClock(TimeSpan? period = null, int maxCatchUpTicks = DefaultMaxCatchUpTicks, int lanes = 1)
    {
        var value = period ?? DefaultPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(1), nameof(period));
        ArgumentOutOfRangeException.ThrowIfNegative(maxCatchUpTicks);
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, 64);
        Period = value;
        PeriodTicks = (long)(value.TotalSeconds * Stopwatch.Frequency);
        MaxCatchUpTicks = maxCatchUpTicks;
        _lanes = new MediaClockLane[lanes];
        for (var i = 0; i < lanes; i++)
            _lanes[i] = new MediaClockLane(this, i);
    }

    /// <summary>Time between ticks.</summary>
    public TimeSpan Period { get; }

    /// <summary>How many threads share the streams.</summary>
    public int Lanes => _lanes.Length;

    /// <summary>The number of the tick last started (by the first lane); -1 before the first.</summary>
    public long TickNumber => _lanes[0].TickNumber;

    /// <summary>True between <see cref="Start"/> and <see cref="Dispose"/>.</summary>
    public bool IsRunning => _threads is not null && !_stopping;

    internal long PeriodTicks { get; }

    internal int MaxCatchUpTicks { get; }

    internal bool Stopping => _stopping;

    /// <summary>Starts the clock's threads; tick 0 runs at once. Calling it again does nothing.</summary>
    /// <exception cref="ObjectDisposedException">The clock was disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        lock (_threadLock)
        {
            if (_threads is not null)
                return;
            var start = Stopwatch.GetTimestamp(); // one schedule for every lane
            _threads = [.. _lanes.Select(lane => lane.Start(start))];
        }
    }

    /// <summary>Adds a stream to the lane with the fewest; its first tick is that lane's next one.</summary>
    public MediaClockRegistration Register(IMediaTickable tickable)
    {
        ArgumentNullException.ThrowIfNull(tickable);
        var lane = _lanes[0];
        for (var i = 1; i < _lanes.Length; i++)
            if (_lanes[i].Assigned < lane.Assigned)
                lane = _lanes[i];
        var registration = new MediaClockRegistration(lane, tickable);
        lane.Add(registration);
        return registration;
    }

    /// <summary>
    /// How the clock has kept time since it started or since <see cref="ResetStats"/>, over all lanes: the worst of
    /// each figure, means over every lane's ticks, counts added up (skipped ticks: the most any lane skipped, as a
    /// stall stops them all).
    /// </summary>
    public MediaClockStats GetStats()
    {
        long ticks = 0, maxTicks = 0, lateSum = 0, lateWorst = 0, deviationSum = 0, deviations = 0, deviationWorst = 0, workSum = 0, workWorst = 0, overruns = 0, skipped = 0, faults = 0;
        var streams = 0;
        foreach (var lane in _lanes)
        {
            var s = lane.Collect();
            streams += lane.Count;
            ticks += s.Ticks;
            maxTicks = Math.Max(maxTicks, s.Ticks);
            lateSum += s.LateSum;
            lateWorst = Math.Max(lateWorst, s.LateWorst);
            deviationSum += s.DeviationSum;
            deviations += s.DeviationCount;
            deviationWorst = Math.Max(deviationWorst, s.DeviationWorst);
            workSum += s.WorkSum;
            workWorst = Math.Max(workWorst, s.WorkWorst);
            overruns += s.Overruns;
            skipped = Math.Max(skipped, s.Skipped);
            faults += s.Faults;
        }
        return new MediaClockStats(
            Ticks: maxTicks,
            Streams: streams,
            MeanLateness: ToTimeSpan(ticks == 0 ? 0 : lateSum / ticks),
            WorstLateness: ToTimeSpan(lateWorst),
            MeanIntervalDeviation: ToTimeSpan(deviations == 0 ? 0 : deviationSum / deviations),
            WorstIntervalDeviation: ToTimeSpan(deviationWorst),
            MeanTickDuration: ToTimeSpan(ticks == 0 ? 0 : workSum / ticks),
            WorstTickDuration: ToTimeSpan(workWorst),
            OverrunTicks: overruns,
            SkippedTicks: skipped,
            Faults: faults);
    }

    /// <summary>Starts a new measuring window (from each lane's next tick), e.g. after a benchmark's warm-up.</summary>
    public void ResetStats()
    {
        foreach (var lane in _lanes)
            lane.RequestReset();
    }

    /// <summary>Stops the clock and waits for its threads to finish their current tick. Streams are not disposed.</summary>
    public void Dispose()
    {
        _stopping = true;
        Thread[]? threads;
        lock (_threadLock)
            threads = _threads;
        foreach (var thread in threads ?? [])
            if (thread != Thread.CurrentThread)
                thread.Join();
    }

    private static TimeSpan ToTimeSpan(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}
