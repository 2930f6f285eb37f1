using System.Globalization;

namespace CallFlow.Runtime.Evaluation;

// The date and time variables. Voicemail Pro names them but does not document their formats (reference §6.1,
// [U]), so CallFlow fixes them:
//   $DAY $MONTH $HOUR $MIN $SEC  two digits, 24-hour clock: "03", "11", "09", "05", "00". A fixed width keeps
//                                text comparisons in the same order as numeric ones.
//   $YEAR                        four digits: "2026".
//   $DATE                        the reference's long form, English whatever the culture: "3rd November 2026".
//   $TIME                        "HH:mm:ss", 24-hour: "09:05:00".
//   $CALL_DATE $CALL_TIME        when the call started, in UTC (reference §6.1): "yyyy-MM-dd" and "HH:mm:ss".
//                                ISO order, because UTC values are for logs and systems, not for speaking.
// All but the last two are local time in Zone at Now. (Plain comments: the type's XML docs live in CallVariables.cs.)
public sealed partial class CallVariables
{
    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private string ClockValue(string name)
    {
        var local = TimeZoneInfo.ConvertTime(Now, Zone);
        var utc = CallStart.UtcDateTime;
        return name switch
        {
            "DAY" => TwoDigits(local.Day),
            "MONTH" => TwoDigits(local.Month),
            "YEAR" => local.Year.ToString("0000", CultureInfo.InvariantCulture),
            "HOUR" => TwoDigits(local.Hour),
            "MIN" => TwoDigits(local.Minute),
            "SEC" => TwoDigits(local.Second),
            "DATE" => LongDate(local.Day, local.Month, local.Year),
            "TIME" => Time(local.Hour, local.Minute, local.Second),
            "CALL_DATE" => $"{utc.Year.ToString("0000", CultureInfo.InvariantCulture)}-{TwoDigits(utc.Month)}-{TwoDigits(utc.Day)}",
            "CALL_TIME" => Time(utc.Hour, utc.Minute, utc.Second),
            _ => "",
        };
    }

    /// <summary>"3rd November 2026": the day with its English ordinal suffix, the month's name, the year.</summary>
    internal static string LongDate(int day, int month, int year) =>
        $"{day.ToString(CultureInfo.InvariantCulture)}{OrdinalSuffix(day)} {MonthNames[month - 1]} {year.ToString(CultureInfo.InvariantCulture)}";

    private static string OrdinalSuffix(int day) => day switch
    {
        11 or 12 or 13 => "th",
        _ when day % 10 == 1 => "st",
        _ when day % 10 == 2 => "nd",
        _ when day % 10 == 3 => "rd",
        _ => "th",
    };

    private static string Time(int hour, int minute, int second) => $"{TwoDigits(hour)}:{TwoDigits(minute)}:{TwoDigits(second)}";

    private static string TwoDigits(int value) => value.ToString("00", CultureInfo.InvariantCulture);
}
