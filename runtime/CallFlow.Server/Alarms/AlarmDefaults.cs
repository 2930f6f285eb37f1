namespace CallFlow.Server.Alarms;

/// <summary>Alarm Set's defaults and ranges (reference §3.5; docs/language.md, <c>alarm_set</c>).</summary>
public static class AlarmDefaults
{
    /// <summary>The display text when none is given.</summary>
    public const string Display = "ALARM";

    /// <summary>Ring time when none is given: 60 s.</summary>
    public static readonly TimeSpan RingTime = TimeSpan.FromSeconds(60);

    /// <summary>Shortest ring time: 5 s.</summary>
    public static readonly TimeSpan MinRingTime = TimeSpan.FromSeconds(5);

    /// <summary>Longest ring time: 120 s.</summary>
    public static readonly TimeSpan MaxRingTime = TimeSpan.FromSeconds(120);

    /// <summary>Most repeats of an unanswered alarm.</summary>
    public const int MaxRetries = 10;

    /// <summary>Interval between repeats when none is given: 5 minutes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Shortest interval: 1 minute.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);

    /// <summary>Longest interval: 60 minutes.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(60);

    /// <summary>Longest cancel code: 4 keys.</summary>
    public const int MaxCancelCode = 4;

    /// <summary>Longest display text: 32 characters.</summary>
    public const int MaxDisplay = 32;
}
