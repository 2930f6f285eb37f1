namespace CallFlow.Sip.Transactions;

/// <summary>RFC 3261 §17.1.1.1 timer values: T1 (round-trip estimate), T2 (longest retransmit interval), T4 (longest time
/// a message stays in the network).</summary>
public sealed record SipTimers(TimeSpan T1, TimeSpan T2, TimeSpan T4)
{
    /// <summary>T1 500 ms, T2 4 s, T4 5 s.</summary>
    public static SipTimers Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));

    /// <summary>64 × T1: how long a transaction waits in the end (Timers B, F, H, J).</summary>
    public TimeSpan Timeout => T1 * 64;
}
