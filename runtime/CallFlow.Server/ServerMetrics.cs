using System.Globalization;
using System.Text;

namespace CallFlow.Server;

/// <summary>
/// The server's counters, updated with interlocked operations from any thread and written in the Prometheus text
/// format at /metrics. Counters only grow; gauges are read when written out.
/// </summary>
public sealed class ServerMetrics
{
    private long _callsStarted;
    private long _callsRefused;
    private long _callsFaulted;
    private long _liveVersionChanges;

    /// <summary>A call was accepted.</summary>
    public void CallStarted() => Interlocked.Increment(ref _callsStarted);

    /// <summary>A call was refused (limit reached, or shutting down).</summary>
    public void CallRefused() => Interlocked.Increment(ref _callsRefused);

    /// <summary>A call ended with a runtime fault (VF6xxx).</summary>
    public void CallFaulted() => Interlocked.Increment(ref _callsFaulted);

    /// <summary>A newly published root.vmp went live.</summary>
    public void LiveVersionChanged() => Interlocked.Increment(ref _liveVersionChanges);

    /// <summary>Calls accepted since the start.</summary>
    public long CallsStarted => Interlocked.Read(ref _callsStarted);

    /// <summary>Calls refused since the start.</summary>
    public long CallsRefused => Interlocked.Read(ref _callsRefused);

    /// <summary>The Prometheus text exposition (version 0.0.4) of every counter and the given gauges.</summary>
    public string ToPrometheus(int activeCalls, int liveVersion)
    {
        var text = new StringBuilder();
        void Metric(string name, string type, string help, long value)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
        }
        Metric("callflow_calls_active", "gauge", "Calls in progress.", activeCalls);
        Metric("callflow_calls_started_total", "counter", "Calls accepted since the server started.", CallsStarted);
        Metric("callflow_calls_refused_total", "counter", "Calls refused: the call limit was reached or the server was stopping.", CallsRefused);
        Metric("callflow_calls_faulted_total", "counter", "Calls ended by a runtime fault (VF6xxx).", Interlocked.Read(ref _callsFaulted));
        Metric("callflow_live_version", "gauge", "The number of the live root.vmp version (0: none).", liveVersion);
        Metric("callflow_live_version_changes_total", "counter", "Published versions that went live while running.", Interlocked.Read(ref _liveVersionChanges));
        return text.ToString();
    }
}
