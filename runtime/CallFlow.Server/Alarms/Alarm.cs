namespace CallFlow.Server.Alarms;

/// <summary>
/// One booked alarm call (Alarm Set, reference §3.5): what to ring, when, and how; plus where its current occurrence
/// stands (the scheduled time, when it rings next, and how many calls that occurrence has had). Immutable: the book
/// replaces an alarm with a changed copy.
/// </summary>
public sealed record Alarm
{
    /// <summary>The book's number for the alarm (never reused), as <c>vmc alarm remove</c> takes it.</summary>
    public required int Id { get; init; }

    /// <summary>The extension to call, or a mailbox name (its user's or group's extension is called).</summary>
    public required string Target { get; init; }

    /// <summary>The time of day, in the server's zone.</summary>
    public required TimeOnly Time { get; init; }

    /// <summary>Single, daily or weekly.</summary>
    public AlarmFrequency Frequency { get; init; } = AlarmFrequency.Single;

    /// <summary>The weekday of a weekly or single alarm (a daily one ignores it).</summary>
    public DayOfWeek Day { get; init; }

    /// <summary>The caller name the target's phone shows.</summary>
    public string Display { get; init; } = AlarmDefaults.Display;

    /// <summary>How long each alarm call rings before it counts as unanswered.</summary>
    public TimeSpan RingTime { get; init; } = AlarmDefaults.RingTime;

    /// <summary>Calls repeated after an unanswered one (0-10).</summary>
    public int Retries { get; init; }

    /// <summary>The time between an unanswered call and its repeat.</summary>
    public TimeSpan Interval { get; init; } = AlarmDefaults.Interval;

    /// <summary>The keys that stop the alarm prompt (null: the prompt plays once and the call ends).</summary>
    public string? CancelCode { get; init; }

    /// <summary>A custom alarm prompt as the machine renders prompts ("File:wake.wav", "Speech:Wake up"); null: the
    /// system prompt <c>alarm_call</c>.</summary>
    public string? File { get; init; }

    /// <summary>The prompt language (the booking call's); null: the target user's, else the system's.</summary>
    public string? Language { get; init; }

    /// <summary>The scheduled moment of the current occurrence.</summary>
    public required DateTimeOffset Occurrence { get; init; }

    /// <summary>When the alarm rings next: the occurrence, or a repeat <see cref="Interval"/> after an unanswered call.</summary>
    public required DateTimeOffset NextRing { get; init; }

    /// <summary>Calls already made for the current occurrence.</summary>
    public int Attempt { get; init; }

    /// <summary>Who booked it ("call from 201", "vmc alarm add"), for the administrator's list.</summary>
    public string BookedBy { get; init; } = "";
}
