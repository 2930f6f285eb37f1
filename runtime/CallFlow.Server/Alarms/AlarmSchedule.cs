namespace CallFlow.Server.Alarms;

/// <summary>
/// When alarms ring, in the server's zone (<c>system.time_zone</c>): the next occurrence of a time of day (daily), of
/// a weekday and time (weekly), or the first one on its day (single; booked today for a time already past, tomorrow).
/// Local times are made instants the way the clocks on the wall read them: a time the spring change skips rings as
/// if the clocks had not changed yet (02:30 on a 02:00 → 03:00 night rings at 03:30), a time the autumn change repeats
/// rings once, at its first occurrence.
/// </summary>
public static class AlarmSchedule
{
    /// <summary>An alarm more than this late (the server was down at its time) is not rung; the log says it was missed
    /// and it moves on to its next occurrence.</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromHours(1);

    /// <summary>The first moment after <paramref name="after"/> an alarm of <paramref name="frequency"/> at
    /// <paramref name="time"/> on <paramref name="day"/> rings, in UTC.</summary>
    public static DateTimeOffset Next(AlarmFrequency frequency, TimeOnly time, DayOfWeek day, DateTimeOffset after, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var i = 0; i <= 7; i++)
        {
            var date = today.AddDays(i);
            var fits = frequency switch
            {
                AlarmFrequency.Daily => true,
                // A single alarm for today at a time already past is tomorrow's wake-up call, not next week's.
                AlarmFrequency.Single => date.DayOfWeek == day || (i == 1 && today.DayOfWeek == day),
                _ => date.DayOfWeek == day,
            };
            if (fits && At(date, time, zone) is var at && at > after)
                return at;
        }
        // Unreachable but for a zone that moves its clocks by more than a day: a week on, whatever the day.
        return At(today.AddDays(8), time, zone);
    }

    /// <summary>The instant (UTC) the clocks of <paramref name="zone"/> show <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
            offset = zone.GetUtcOffset(local.AddDays(-1)); // skipped: read with the offset before the change
        else if (zone.IsAmbiguousTime(local))
            offset = zone.GetAmbiguousTimeOffsets(local).Max(); // repeated: the larger offset is the earlier instant
        else
            offset = zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>A new alarm's first occurrence after <paramref name="now"/>.</summary>
    public static Alarm FirstOccurrence(Alarm alarm, DateTimeOffset now, TimeZoneInfo zone)
    {
        var at = Next(alarm.Frequency, alarm.Time, alarm.Day, now, zone);
        return alarm with { Occurrence = at, NextRing = at, Attempt = 0 };
    }

    /// <summary>
    /// The alarm after a call that ended <paramref name="result"/> at <paramref name="now"/>: repeated after its
    /// interval while it has retries left and was not acknowledged; otherwise on to its next occurrence (daily: the
    /// next day, weekly: the next week), or out of the book (single: null).
    /// </summary>
    public static Alarm? AfterCall(Alarm alarm, AlarmCallResult result, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (result != AlarmCallResult.Acknowledged && alarm.Attempt < alarm.Retries)
            return alarm with { Attempt = alarm.Attempt + 1, NextRing = now + alarm.Interval };
        return NextOccurrence(alarm, now, zone);
    }

    /// <summary>The alarm's next occurrence after this one (and after <paramref name="now"/>); null for a single alarm.</summary>
    public static Alarm? NextOccurrence(Alarm alarm, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (alarm.Frequency == AlarmFrequency.Single)
            return null;
        var at = Next(alarm.Frequency, alarm.Time, alarm.Day, now > alarm.Occurrence ? now : alarm.Occurrence, zone);
        return alarm with { Occurrence = at, NextRing = at, Attempt = 0 };
    }

    /// <summary>Whether an alarm due at <see cref="Alarm.NextRing"/> is too late to ring at <paramref name="now"/>.</summary>
    public static bool IsMissed(Alarm alarm, DateTimeOffset now) => now - alarm.NextRing > MissedAfter;
}
