using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallFlow.Media;

/// <summary>
/// One thread of a <see cref="MediaClock"/> and the streams it ticks: wakes at every deadline of the clock's schedule
/// and ticks its streams in one pass over a dense array, then measures itself. The clock's lanes share the schedule,
/// so every stream's tick n is due at the same moment whichever lane it is on.
/// </summary>
internal sealed class MediaClockLane(MediaClock clock, int number)
{
    private readonly ConcurrentQueue<MediaClockRegistration> _changes = new();
    private MediaClockRegistration[] _streams = new MediaClockRegistration[64];
    private int _count;
    private long _tickNumber = -1;
    private int _resetRequested;
    private int _assigned;
    private Thread? _thread;

    // Written by the lane's thread only; read (without tearing on 64-bit) by Collect.
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

    public int Count => Volatile.Read(ref _count);

    /// <summary>Streams given to this lane and not yet removed, counted at once (the array only changes at the next
    /// tick), so that calls arriving together are spread over the lanes.</summary>
    public int Assigned => Volatile.Read(ref _assigned);

    public long TickNumber => Volatile.Read(ref _tickNumber);

    public Thread Start(long start)
    {
        var name = number == 0 ? "CallFlow media clock" : $"CallFlow media clock {number + 1}";
        _thread = new Thread(() => Run(start)) { IsBackground = true, Name = name, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
        return _thread;
    }

    public void Add(MediaClockRegistration registration)
    {
        Interlocked.Increment(ref _assigned);
        _changes.Enqueue(registration);
    }

    public void Unregister(MediaClockRegistration registration)
    {
        Interlocked.Decrement(ref _assigned);
        _changes.Enqueue(registration);
    }

    public void RequestReset() => Interlocked.Exchange(ref _resetRequested, 1);

    /// <summary>The lane's raw figures, for <see cref="MediaClock.GetStats"/> to add up.</summary>
    public (long Ticks, long LateSum, long LateWorst, long DeviationSum, long DeviationCount, long DeviationWorst, long WorkSum, long WorkWorst, long Overruns, long Skipped, long Faults) Collect() =>
        (Volatile.Read(ref _ticks), _lateSum, _lateWorst, _deviationSum, Volatile.Read(ref _deviationCount), _deviationWorst, _workSum, _workWorst, _overruns, _skipped, _faults);

    private void Run(long start)
    {
        var period = clock.PeriodTicks;
        var maxCatchUp = clock.MaxCatchUpTicks;
        var previousStart = 0L;
        for (var n = 0L; !clock.Stopping; n++)
        {
            var deadline = start + n * period;
            long now;
            while ((now = Stopwatch.GetTimestamp()) < deadline && !clock.Stopping)
                PreciseSleep.For(deadline - now);
            if (clock.Stopping)
                break;
            var late = now - deadline;
            var skipped = false;
            if (late > maxCatchUp * period)
            {
                // A stall (a long GC pause, a suspended VM): sending every missed frame at once would only flood the
                // peers' jitter buffers, so give the missed ticks up and carry on from the current one.
                var behind = late / period;
                n += behind;
                _skipped += behind;
                late -= behind * period;
                skipped = behind > 0;
            }
            if (Interlocked.Exchange(ref _resetRequested, 0) == 1)
                ClearStats();
            ApplyChanges();
            Volatile.Write(ref _tickNumber, n);
            TickAll(n);
            var end = Stopwatch.GetTimestamp();
            Record(late, now - previousStart, end - now, period, measureInterval: n > 0 && !skipped && previousStart != 0);
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
                if (registration.MarkRemoved())
                    Interlocked.Decrement(ref _assigned);
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

    private void Record(long late, long interval, long work, long period, bool measureInterval)
    {
        _lateSum += late;
        _lateWorst = Math.Max(_lateWorst, late);
        _workSum += work;
        _workWorst = Math.Max(_workWorst, work);
        if (work > period)
            _overruns++;
        if (measureInterval)
        {
            var deviation = Math.Abs(interval - period);
            _deviationSum += deviation;
            _deviationWorst = Math.Max(_deviationWorst, deviation);
            Volatile.Write(ref _deviationCount, _deviationCount + 1);
        }
        Volatile.Write(ref _ticks, _ticks + 1);
    }

    private void ClearStats() =>
        (_ticks, _lateSum, _lateWorst, _deviationSum, _deviationCount, _deviationWorst, _workSum, _workWorst, _overruns, _skipped, _faults) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
