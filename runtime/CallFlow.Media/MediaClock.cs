using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallFlow.Media;

/// <summary>
/// The one clock that paces every call's media: a dedicated thread that wakes every period (20 ms) and ticks each
/// registered stream in one pass over a dense array. Tick n is due at start + n × period on <see cref="Stopwatch"/>
/// time, so lateness never accumulates; a tick that starts late is followed at once by the ones that are due (catching
/// up), and after a stall longer than <c>maxCatchUpTicks</c> periods the missed ticks are skipped instead of sent in a
/// burst. The clock measures itself (<see cref="GetStats"/>): lateness, interval deviation and work per tick.
/// </summary>
/// <remarks>
/// Registering and unregistering only enqueue a change, which the clock thread applies before its next pass, so the
/// pass itself takes no lock. A tick that throws drops its stream (see <see cref="MediaClockRegistration.Fault"/>) and
/// the others go on. One clock serves thousands of streams: 50 wake-ups a second in all, not 50 per call.
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

    private readonly long _period;
    private readonly int _maxCatchUp;
    private readonly ConcurrentQueue<MediaClockRegistration> _changes = new();
    private readonly Lock _threadLock = new();
    private MediaClockRegistration[] _streams = new MediaClockRegistration[64];
    private int _count;
    private Thread? _thread;
    private volatile bool _stopping;
    private long _tickNumber = -1;
    private int _resetRequested;

    // Written by the clock thread only; read (without tearing on 64-bit) by GetStats.
    private long _ticks;
    private long _lateSum;
    private long _lateWorst;
    private long _deviationSum;
    private long _deviationCount;
    private long _deviationWorst;
    private long _workSum;
    private long _workWorst;
    private long _overruns;
    private long _skipped;
    private long _faults;

    /// <summary>Creates a stopped clock.</summary>
    /// <param name="period">Time between ticks; 20 ms when null. At least 1 ms.</param>
    /// <param name="maxCatchUpTicks">How many overdue ticks run back to back before the rest are skipped (0 or more).</param>
    public MediaClock(TimeSpan? period = null, int maxCatchUpTicks = DefaultMaxCatchUpTicks)
    {
        var value = period ?? DefaultPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.FromMilliseconds(1), nameof(period));
        ArgumentOutOfRangeException.ThrowIfNegative(maxCatchUpTicks);
        Period = value;
        _period = (long)(value.TotalSeconds * Stopwatch.Frequency);
        _maxCatchUp = maxCatchUpTicks;
    }

    /// <summary>Time between ticks.</summary>
    public TimeSpan Period { get; }

    /// <summary>The number of the tick last started; -1 before the first.</summary>
    public long TickNumber => Volatile.Read(ref _tickNumber);

    /// <summary>True between <see cref="Start"/> and <see cref="Dispose"/>.</summary>
    public bool IsRunning => _thread is not null && !_stopping;

    /// <summary>Starts the clock thread; tick 0 runs at once. Calling it again does nothing.</summary>
    /// <exception cref="ObjectDisposedException">The clock was disposed.</exception>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        lock (_threadLock)
        {
            if (_thread is not null)
                return;
            _thread = new Thread(Run) { IsBackground = true, Name = "CallFlow media clock", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }
    }

    /// <summary>Adds a stream; its first tick is the clock's next one.</summary>
    public MediaClockRegistration Register(IMediaTickable tickable)
    {
        ArgumentNullException.ThrowIfNull(tickable);
        var registration = new MediaClockRegistration(this, tickable);
        _changes.Enqueue(registration);
        return registration;
    }

    /// <summary>How the clock has kept time since it started or since <see cref="ResetStats"/>.</summary>
    public MediaClockStats GetStats()
    {
        var ticks = Volatile.Read(ref _ticks);
        var deviations = Volatile.Read(ref _deviationCount);
        return new MediaClockStats(
            Ticks: ticks,
            Streams: Volatile.Read(ref _count),
            MeanLateness: ToTimeSpan(ticks == 0 ? 0 : _lateSum / ticks),
            WorstLateness: ToTimeSpan(_lateWorst),
            MeanIntervalDeviation: ToTimeSpan(deviations == 0 ? 0 : _deviationSum / deviations),
            WorstIntervalDeviation: ToTimeSpan(_deviationWorst),
            MeanTickDuration: ToTimeSpan(ticks == 0 ? 0 : _workSum / ticks),
            WorstTickDuration: ToTimeSpan(_workWorst),
            OverrunTicks: _overruns,
            SkippedTicks: _skipped,
            Faults: _faults);
    }

    /// <summary>Starts a new measuring window (from the next tick), e.g. after a benchmark's warm-up.</summary>
    public void ResetStats() => Interlocked.Exchange(ref _resetRequested, 1);

    /// <summary>Stops the clock and waits for the thread to finish its current tick. Streams are not disposed.</summary>
    public void Dispose()
    {
        _stopping = true;
        Thread? thread;
        lock (_threadLock)
            thread = _thread;
        if (thread is not null && thread != Thread.CurrentThread)
            thread.Join();
    }

    internal void Unregister(MediaClockRegistration registration) => _changes.Enqueue(registration);

    private void Run()
    {
        var start = Stopwatch.GetTimestamp();
        var previousStart = 0L;
        for (var n = 0L; !_stopping; n++)
        {
            var deadline = start + n * _period;
            long now;
            while ((now = Stopwatch.GetTimestamp()) < deadline && !_stopping)
                PreciseSleep.For(deadline - now);
            if (_stopping)
                break;
            var late = now - deadline;
            var skipped = false;
            if (late > _maxCatchUp * _period)
            {
                // A stall (a long GC pause, a suspended VM): sending every missed frame at once would only flood the
                // peers' jitter buffers, so give the missed ticks up and carry on from the current one.
                var behind = late / _period;
                n += behind;
                _skipped += behind;
                late -= behind * _period;
                skipped = behind > 0;
            }
            if (Interlocked.Exchange(ref _resetRequested, 0) == 1)
                ClearStats();
            ApplyChanges();
            Volatile.Write(ref _tickNumber, n);
            TickAll(n);
            var end = Stopwatch.GetTimestamp();
            Record(late, now - previousStart, end - now, measureInterval: n > 0 && !skipped && previousStart != 0);
            previousStart = now;
        }
    }

    private void TickAll(long tickNumber)
    {
        var streams = _streams;
        for (var i = 0; i < _count;)
        {
            var registration = streams[i];
            if (registration.IsRemoved)
            {
                i++; // its queued removal takes it out before the next pass
                continue;
            }
            try
            {
                registration.Tickable.Tick(tickNumber);
                i++;
            }
            catch (Exception error)
            {
                // A broken stream must not stop every other call's audio: drop it and tell its owner through Fault.
                _faults++;
                registration.Fault = error;
                registration.MarkRemoved();
                RemoveAt(i); // the last stream moves into slot i and is ticked next
            }
        }
    }

    private void ApplyChanges()
    {
        while (_changes.TryDequeue(out var registration))
        {
            if (registration.IsRemoved)
            {
                if (registration.Index >= 0)
                    RemoveAt(registration.Index);
                continue;
            }
            if (registration.Index >= 0)
                continue;
            if (_count == _streams.Length)
                Array.Resize(ref _streams, _count * 2);
            _streams[_count] = registration;
            registration.Index = _count;
            Volatile.Write(ref _count, _count + 1);
        }
    }

    private void RemoveAt(int index)
    {
        var last = _count - 1;
        _streams[index].Index = -1;
        if (index != last)
        {
            _streams[index] = _streams[last];
            _streams[index].Index = index;
        }
        _streams[last] = null!;
        Volatile.Write(ref _count, last);
    }

    private void Record(long late, long interval, long work, bool measureInterval)
    {
        _ticks++;
        _lateSum += late;
        _lateWorst = Math.Max(_lateWorst, late);
        _workSum += work;
        _workWorst = Math.Max(_workWorst, work);
        if (work > _period)
            _overruns++;
        if (measureInterval)
        {
            var deviation = Math.Abs(interval - _period);
            _deviationSum += deviation;
            _deviationCount++;
            _deviationWorst = Math.Max(_deviationWorst, deviation);
        }
    }

    private void ClearStats() =>
        (_ticks, _lateSum, _lateWorst, _deviationSum, _deviationCount, _deviationWorst, _workSum, _workWorst, _overruns, _skipped, _faults) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static TimeSpan ToTimeSpan(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);
}
