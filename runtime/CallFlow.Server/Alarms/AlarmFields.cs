using System.Globalization;

namespace CallFlow.Server.Alarms;

/// <summary>
/// Alarm Set's fields as text, read the same way from a call's request, the command line and the book: times
/// "07:30" (or "0730", "730"), frequencies single/daily/weekly (or 1/2/3), weekdays "Mon" or "monday", durations
/// "60s", "5m", "60000ms".
/// </summary>
public static class AlarmFields
{
    /// <summary>A 24-hour time of day; null when it is not one.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        var digits = (text ?? "").Trim().Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is < 3 or > 4 || !digits.All(char.IsAsciiDigit))
            return null;
        var hour = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
        var minute = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        return hour < 24 && minute < 60 ? new TimeOnly(hour, minute) : null;
    }

    /// <summary>"07:30".</summary>
    public static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>single / daily / weekly, or Voicemail Pro's variable values 1 / 2 / 3; null for anything else.</summary>
    public static AlarmFrequency? ParseFrequency(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "single" or "1" or "" => AlarmFrequency.Single,
        "daily" or "2" => AlarmFrequency.Daily,
        "weekly" or "3" => AlarmFrequency.Weekly,
        _ => null,
    };

    /// <summary>"single", "daily", "weekly".</summary>
    public static string FormatFrequency(AlarmFrequency frequency) => frequency.ToString().ToLowerInvariant();

    /// <summary>A weekday by its English name or its first three letters, any case; null for anything else.</summary>
    public static DayOfWeek? ParseDay(string? text)
    {
        var day = (text ?? "").Trim();
        if (day.Length < 3)
            return null;
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var name = candidate.ToString();
            if (name.Equals(day, StringComparison.OrdinalIgnoreCase) || (day.Length == 3 && name.StartsWith(day, StringComparison.OrdinalIgnoreCase)))
                return candidate;
        }
        return null;
    }

    /// <summary>"Mon".</summary>
    public static string FormatDay(DayOfWeek day) => day.ToString()[..3];

    /// <summary>"60s", "5m", "1h", "60000ms" (the machine renders durations so); a bare number is <paramref name="bareUnit"/>s.</summary>
    public static TimeSpan? ParseDuration(string? text, TimeSpan bareUnit)
    {
        var value = (text ?? "").Trim();
        var (number, unit) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], TimeSpan.FromMilliseconds(1)),
            _ when value.EndsWith('s') => (value[..^1], TimeSpan.FromSeconds(1)),
            _ when value.EndsWith('m') => (value[..^1], TimeSpan.FromMinutes(1)),
            _ when value.EndsWith('h') => (value[..^1], TimeSpan.FromHours(1)),
            _ => (value, bareUnit),
        };
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count < 1_000_000_000 ? unit * count : null;
    }

    /// <summary>A cancel code: 1 to 4 of the keys 0-9 * #; null when it is not one.</summary>
    public static string? ParseCancelCode(string? text)
    {
        var code = (text ?? "").Trim();
        return code.Length is >= 1 and <= AlarmDefaults.MaxCancelCode && code.All(c => char.IsAsciiDigit(c) || c is '*' or '#') ? code : null;
    }

    /// <summary><paramref name="value"/> kept within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
