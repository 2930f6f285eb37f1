namespace CallFlow.Server.Sip;

/// <summary>
/// The bounds of message-waiting subscriptions (RFC 6665 §4.2.1.1, RFC 3842 §3.4) and the timing of their one
/// housekeeping loop. The defaults suit phones; tests shorten them.
/// </summary>
internal sealed record SubscriptionLimits
{
    /// <summary>The defaults.</summary>
    public static SubscriptionLimits Default { get; } = new();

    /// <summary>
    /// A SUBSCRIBE asking for less (but not 0, which unsubscribes) gets 423 with Min-Expires: refreshing more often
    /// than once a minute only costs both sides traffic.
    /// </summary>
    public TimeSpan MinimumExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The duration of a SUBSCRIBE without Expires: RFC 3842's suggested hour.</summary>
    public TimeSpan DefaultExpiry { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// Longer requests are shortened to this (the notifier may shorten, never lengthen). An hour also bounds how long
    /// a phone that lost its subscription (a restart of the server) waits before its refresh gets 481 and it subscribes
    /// again.
    /// </summary>
    public TimeSpan MaximumExpiry { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>How long a NOTIFY waits for its final response: 64×T1 (Timer F, RFC 3261 §17.1.2.2).</summary>
    public TimeSpan NotifyTimeout { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>How often the loop looks for expired subscriptions.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long stopping waits for the final NOTIFYs to be answered.</summary>
    public TimeSpan ShutdownWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stopping server asks subscribers to wait before subscribing again (retry-after).</summary>
    public TimeSpan RetryAfterShutdown { get; init; } = TimeSpan.FromSeconds(30);
}
