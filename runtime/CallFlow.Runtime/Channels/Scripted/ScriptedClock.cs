namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>
/// A <see cref="TimeProvider"/> that reads the virtual time of the scripted call being run, so a store's received
/// times and lockouts follow the plan, not the machine's clock.
/// </summary>
public sealed class ScriptedClock : TimeProvider
{
    /// <summary>Where the time comes from; the host points it at the current call's channel.</summary>
    public Func<DateTimeOffset> Source { get; set; } = () => CallPlan.DefaultStart;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Source().ToUniversalTime();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
