using System.Globalization;
using System.Text;
using CallFlow.Media;

namespace CallFlow.Server;

/// <summary>
/// The server's counters, updated with interlocked operations from any thread and written in the Prometheus text
/// format at /metrics. Counters only grow; gauges are read when written out. The media clock's timing (send jitter,
/// work per tick) is reported for a window that starts when the server does and again at each
/// <see cref="RestartMediaWindow"/> (<c>/metrics?restart_media_window</c>, what the SIP load benchmark uses per step).
/// </summary>
public sealed class ServerMetrics
{
    private long _callsStarted;
    private long _callsRefused;
    private long _callsFaulted;
    private long _liveVersionChanges;
    private long _digitsDetected;
    private static long _exceptions;

    // Process-wide, like the garbage collector's figures: every exception thrown (first chance), counted once.
    static ServerMetrics() => AppDomain.CurrentDomain.FirstChanceException += (_, _) => Interlocked.Increment(ref _exceptions);

    /// <summary>A call was accepted.</summary>
    public void CallStarted() => Interlocked.Increment(ref _callsStarted);

    /// <summary>A call was refused (limit reached, or shutting down).</summary>
    public void CallRefused() => Interlocked.Increment(ref _callsRefused);

    /// <summary>A call ended with a runtime fault (VF6xxx).</summary>
    public void CallFaulted() => Interlocked.Increment(ref _callsFaulted);

    /// <summary>A newly published root.vmp went live.</summary>
    public void LiveVersionChanged() => Interlocked.Increment(ref _liveVersionChanges);

    /// <summary>A caller's key (RFC 4733 telephone-event) was detected on a call's media.</summary>
    public void DigitDetected() => Interlocked.Increment(ref _digitsDetected);

    /// <summary>Keys detected since the start.</summary>
    public long DigitsDetected => Interlocked.Read(ref _digitsDetected);

    /// <summary>The media clock that paces every call's RTP (set by the SIP front end); null: no media gauges.</summary>
    public MediaClock? MediaClock { get; set; }

    /// <summary>Starts a new window for the media clock's figures (from its next tick).</summary>
    public void RestartMediaWindow() => MediaClock?.ResetStats();

    /// <summary>Calls accepted since the start.</summary>
    public long CallsStarted => Interlocked.Read(ref _callsStarted);

    /// <summary>Calls refused since the start.</summary>
    public long CallsRefused => Interlocked.Read(ref _callsRefused);

    /// <summary>Calls ended by a runtime fault since the start.</summary>
    public long CallsFaulted => Interlocked.Read(ref _callsFaulted);

    /// <summary>The Prometheus text exposition (version 0.0.4) of every counter and the given gauges.</summary>
    /// <param name="activeCalls">Calls in progress.</param>
    /// <param name="liveVersion">The live root.vmp version's number (0: none).</param>
    /// <param name="storageFull">Whether the mailbox store's disk is full (it takes no new message).</param>
    /// <param name="storageFreeBytes">Free bytes on the data directory's file system, when known.</param>
    public string ToPrometheus(int activeCalls, int liveVersion, bool storageFull = false, long? storageFreeBytes = null)
    {
        var text = new StringBuilder();
        void Metric(string name, string type, string help, long value)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
        }
        Metric("callflow_calls_active", "gauge", "Calls in progress.", activeCalls);
        Metric("callflow_calls_started_total", "counter", "Calls accepted since the server started.", CallsStarted);
        Metric("callflow_calls_refused_total", "counter", "Calls refused: the call limit was reached or the server was stopping.", CallsRefused);
        Metric("callflow_calls_faulted_total", "counter", "Calls ended by a runtime fault (VF6xxx).", CallsFaulted);
        Metric("callflow_live_version", "gauge", "The number of the live root.vmp version (0: none).", liveVersion);
        Metric("callflow_live_version_changes_total", "counter", "Published versions that went live while running.", Interlocked.Read(ref _liveVersionChanges));
        Metric("callflow_dtmf_digits_total", "counter", "Keys (RFC 4733 telephone-events) detected on calls' media.", DigitsDetected);
        Metric("callflow_storage_full", "gauge", "1 while the data directory's disk is full and no new message is taken.", storageFull ? 1 : 0);
        if (storageFreeBytes is { } free)
            Metric("callflow_storage_free_bytes", "gauge", "Free bytes on the data directory's file system.", free);
        // The process's allocations and garbage collections: every collection pauses the media clock's thread too (send
        // jitter); exceptions are costly on a busy server, so they are counted.
        text.Append(CultureInfo.InvariantCulture,
            $"# HELP callflow_allocated_bytes_total Bytes allocated by the process.\n# TYPE callflow_allocated_bytes_total counter\ncallflow_allocated_bytes_total {GC.GetTotalAllocatedBytes()}\n");
        Metric("callflow_exceptions_total", "counter", "Exceptions thrown in the process (first chance, caught or not).", Interlocked.Read(ref _exceptions));
        text.Append("# HELP callflow_gc_collections_total Garbage collections since the process started, by generation.\n# TYPE callflow_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
            text.Append(CultureInfo.InvariantCulture, $"callflow_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"# HELP callflow_gc_pause_seconds_total Time the process was paused for garbage collections.\n# TYPE callflow_gc_pause_seconds_total counter\ncallflow_gc_pause_seconds_total {GC.GetTotalPauseDuration().TotalSeconds:0.######}\n");
        if (MediaClock is { } clock)
        {
            // Gauges over the current window (since the start or the last restart_media_window).
            var media = clock.GetStats();
            void Gauge(string name, string help, double value) =>
                text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value:0.###}\n");
            Metric("callflow_media_streams", "gauge", "RTP streams the media clock ticks now.", media.Streams);
            Gauge("callflow_media_window_ticks", "Media clock ticks (20 ms) in the current window.", media.Ticks);
            Gauge("callflow_media_send_interval_mean_ms", "Send jitter: mean |time between tick starts - period| in the window, in ms.", media.MeanIntervalDeviation.TotalMilliseconds);
            Gauge("callflow_media_send_interval_worst_ms", "Send jitter: largest |time between tick starts - period| in the window, in ms.", media.WorstIntervalDeviation.TotalMilliseconds);
            Gauge("callflow_media_tick_lateness_mean_ms", "Mean time a tick started after its deadline in the window, in ms.", media.MeanLateness.TotalMilliseconds);
            Gauge("callflow_media_tick_lateness_worst_ms", "Largest time a tick started after its deadline in the window, in ms.", media.WorstLateness.TotalMilliseconds);
            Gauge("callflow_media_tick_work_mean_ms", "Mean time one tick's sends and deliveries took in the window, in ms.", media.MeanTickDuration.TotalMilliseconds);
            Gauge("callflow_media_tick_work_worst_ms", "Longest time one tick's sends and deliveries took in the window, in ms.", media.WorstTickDuration.TotalMilliseconds);
            Gauge("callflow_media_overrun_ticks", "Ticks in the window whose work took longer than a period.", media.OverrunTicks);
            Gauge("callflow_media_skipped_ticks", "Ticks in the window given up after a stall too long to catch up on.", media.SkippedTicks);
            Gauge("callflow_media_faults", "Ticks in the window that threw (each dropped its stream).", media.Faults);
        }
        return text.ToString();
    }
}
