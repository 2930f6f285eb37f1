using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallFlow.Media.Tests;

public sealed class MediaClockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private sealed class Recorder : IMediaTickable
    {
        public ConcurrentQueue<(long Tick, int Thread)> Ticks { get; } = new();

        public void Tick(long tickNumber) => Ticks.Enqueue((tickNumber, Environment.CurrentManagedThreadId));
    }

    private sealed class Thrower : IMediaTickable
    {
        public void Tick(long tickNumber) => throw new InvalidOperationException("broken stream");
    }

    [Fact]
    public async Task Every_stream_is_ticked_in_order_on_one_thread()
    {
        using var clock = new MediaClock(TimeSpan.FromMilliseconds(5));
        var first = new Recorder();
        var second = new Recorder();
        clock.Register(first);
        clock.Register(second);
        clock.Start();

        Assert.True(await Eventually.Until(() => first.Ticks.Count >= 20 && second.Ticks.Count >= 20, Timeout));
        clock.Dispose();

        var ticks = first.Ticks.ToArray();
        Assert.Single(ticks.Select(t => t.Thread).Concat(second.Ticks.Select(t => t.Thread)).Distinct());
        for (var i = 1; i < ticks.Length; i++)
            Assert.True(ticks[i].Tick > ticks[i - 1].Tick, $"tick {ticks[i].Tick} came after {ticks[i - 1].Tick}");
        // Counted from tick 0, not from the first tick seen: a lane thread that starts late on a busy machine skips
        // the ticks it missed before its first one.
        Assert.Equal(clock.GetStats().SkippedTicks, ticks[^1].Tick - (ticks.Length - 1));
    }

    [Fact]
    public async Task Lanes_share_the_streams_evenly_and_keep_one_schedule()
    {
        using var clock = new MediaClock(TimeSpan.FromMilliseconds(5), lanes: 2);
        var streams = Enumerable.Range(0, 6).Select(_ => new Recorder()).ToArray();
        var registrations = streams.Select(clock.Register).ToArray();
        clock.Start();

        Assert.True(await Eventually.Until(() => streams.All(s => s.Ticks.Count >= 20), Timeout));
        Assert.Equal(2, clock.Lanes);
        Assert.Equal(6, clock.GetStats().Streams);
        // Registered together, before any tick: three on each lane's thread, each stream always on the same one.
        var threads = streams.Select(s => s.Ticks.Select(t => t.Thread).Distinct().Single()).ToArray();
        Assert.Equal(2, threads.Distinct().Count());
        Assert.All(threads.GroupBy(t => t), lane => Assert.Equal(3, lane.Count()));
        // One schedule: the lanes run the same tick numbers, in order.
        foreach (var stream in streams)
        {
            var ticks = stream.Ticks.Select(t => t.Tick).ToArray();
            Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.Second > p.First));
        }

        // A stream that leaves frees its place: the next one goes to the lane that now has fewer.
        registrations[0].Dispose();
        var next = new Recorder();
        clock.Register(next);
        Assert.True(await Eventually.Until(() => next.Ticks.Count >= 3, Timeout));
        Assert.Equal(threads[0], next.Ticks.First().Thread);
        Assert.Equal(6, clock.GetStats().Streams);
        Assert.True(clock.GetStats().Ticks > 0);
    }

    [Fact]
    public void A_clock_has_between_1_and_64_lanes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(lanes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(lanes: 65));
        using var clock = new MediaClock();
        Assert.Equal(1, clock.Lanes);
    }

    [Fact]
    public async Task A_disposed_registration_is_not_ticked_again()
    {
        using var clock = new MediaClock(TimeSpan.FromMilliseconds(5));
        var recorder = new Recorder();
        var registration = clock.Register(recorder);
        clock.Start();
        Assert.True(await Eventually.Until(() => recorder.Ticks.Count >= 3, Timeout));

        registration.Dispose();
        var count = recorder.Ticks.Count;
        var later = clock.TickNumber + 5;
        Assert.True(await Eventually.Until(() => clock.TickNumber >= later, Timeout));
        Assert.InRange(recorder.Ticks.Count, count, count + 1); // at most the tick that was running
        Assert.Equal(0, clock.GetStats().Streams);
    }

    [Fact]
    public async Task A_stream_that_throws_is_dropped_and_the_others_go_on()
    {
        using var clock = new MediaClock(TimeSpan.FromMilliseconds(5));
        var broken = clock.Register(new Thrower());
        var healthy = new Recorder();
        clock.Register(healthy);
        clock.Start();

        Assert.True(await Eventually.Until(() => healthy.Ticks.Count >= 10, Timeout));
        Assert.True(broken.IsRemoved);
        Assert.IsType<InvalidOperationException>(broken.Fault);
        Assert.Equal(1, clock.GetStats().Faults);
        Assert.Equal(1, clock.GetStats().Streams);
    }

    [Fact]
    public async Task The_clock_measures_its_own_lateness_and_interval_jitter()
    {
        using var clock = new MediaClock();
        clock.Register(new Recorder());
        clock.Start();
        Assert.True(await Eventually.Until(() => clock.GetStats().Ticks >= 25, Timeout));

        var stats = clock.GetStats();
        // Sanity bounds only: a loaded test machine may be slow, but a clock off by a whole second is broken.
        Assert.InRange(stats.MeanLateness, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.InRange(stats.WorstLateness, stats.MeanLateness, TimeSpan.FromSeconds(1));
        Assert.InRange(stats.WorstIntervalDeviation, stats.MeanIntervalDeviation, TimeSpan.FromSeconds(1));
        Assert.True(stats.WorstTickDuration >= stats.MeanTickDuration);

        // After the reset (which the lane applies on its next tick) the count is at most the ticks due since then; without
        // it, it would be 25 more. A bound by the time since, not a fixed count, so a stalled test thread cannot fail it.
        var sinceReset = Stopwatch.StartNew();
        clock.ResetStats();
        Assert.True(await Eventually.Until(() => clock.GetStats().Ticks <= sinceReset.Elapsed / clock.Period + 2, Timeout));
    }

    [Fact]
    public async Task Ticks_keep_to_the_schedule_rather_than_drifting()
    {
        using var clock = new MediaClock(TimeSpan.FromMilliseconds(10));
        var recorder = new Recorder();
        clock.Register(recorder);
        var started = DateTime.UtcNow;
        clock.Start();
        Assert.True(await Eventually.Until(() => clock.TickNumber >= 50, Timeout));
        var elapsed = DateTime.UtcNow - started;

        // 50 ticks of 10 ms are due 500 ms after the start, however late each one ran; generous upper bound.
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(480), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task After_a_stall_too_long_to_catch_up_on_the_missed_ticks_are_skipped()
    {
        using var clock = new MediaClock(TimeSpan.FromMilliseconds(10), maxCatchUpTicks: 2);
        var recorder = new Recorder();
        clock.Register(new Staller(atTick: 3, TimeSpan.FromMilliseconds(300)));
        clock.Register(recorder);
        clock.Start();
        Assert.True(await Eventually.Until(() => recorder.Ticks.Count >= 10, Timeout));

        var stats = clock.GetStats();
        Assert.True(stats.SkippedTicks >= 20, $"skipped {stats.SkippedTicks}");
        Assert.True(stats.OverrunTicks >= 1);
        var numbers = recorder.Ticks.Select(t => t.Tick).ToList();
        Assert.Contains(numbers.Zip(numbers.Skip(1)), pair => pair.Second - pair.First > 1); // the tick number jumped
    }

    private sealed class Staller(long atTick, TimeSpan pause) : IMediaTickable
    {
        public void Tick(long tickNumber)
        {
            if (tickNumber == atTick)
                Thread.Sleep(pause);
        }
    }

    [Fact]
    public void Refuses_a_period_under_a_millisecond_and_starting_after_disposal()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MediaClock(TimeSpan.FromTicks(100)));
        var clock = new MediaClock();
        clock.Dispose();
        Assert.Throws<ObjectDisposedException>(clock.Start);
    }
}
