using System.Globalization;

namespace CallFlow.Server.Alarms;

/// <summary>
/// An alarm from the settings of an <c>alarm_set</c> request as the machine hands them over (docs/language.md):
/// target, time "hh:mm", frequency, day "Mon", display, ring_time "60s", retries, interval "5m", cancel_code, file.
/// Values out of Alarm Set's ranges (a variable can hold anything) are brought within them; a missing target or time,
/// which the machine asks the caller for, makes no alarm.
/// </summary>
public static class AlarmRequest
{
    /// <summary>The alarm the settings describe (id 0, not scheduled yet), or null with the reason.</summary>
    public static (Alarm? Alarm, string Problem) FromSettings(IReadOnlyDictionary<string, string> settings, DayOfWeek today)
    {
        string? Get(string name) => settings.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim() : null;

        if (Get("target") is not { } target || target == "?")
            return (null, "no target extension");
        if (AlarmFields.ParseTime(Get("time")) is not { } time)
            return (null, $"'{Get("time")}' is not a time of day");
        var retries = int.TryParse(Get("retries"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? Math.Min(r, AlarmDefaults.MaxRetries) : 0;
        var display = Get("display") ?? AlarmDefaults.Display;
        return (new Alarm
        {
            Id = 0,
            Target = target,
            Time = time,
            Frequency = AlarmFields.ParseFrequency(Get("frequency")) ?? AlarmFrequency.Single,
            Day = AlarmFields.ParseDay(Get("day")) ?? today,
            Display = display.Length > AlarmDefaults.MaxDisplay ? display[..AlarmDefaults.MaxDisplay] : display,
            RingTime = AlarmFields.Clamp(AlarmFields.ParseDuration(Get("ring_time"), TimeSpan.FromSeconds(1)) ?? AlarmDefaults.RingTime,
                AlarmDefaults.MinRingTime, AlarmDefaults.MaxRingTime),
            Retries = retries,
            Interval = AlarmFields.Clamp(AlarmFields.ParseDuration(Get("interval"), TimeSpan.FromMinutes(1)) ?? AlarmDefaults.Interval,
                AlarmDefaults.MinInterval, AlarmDefaults.MaxInterval),
            CancelCode = AlarmFields.ParseCancelCode(Get("cancel_code")),
            File = Get("file"),
            Occurrence = default,
            NextRing = default,
        }, "");
    }
}
