using System.Globalization;
using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Tests.Evaluation;

/// <summary>Fixed clocks and zones, so no test depends on the machine's time, zone or culture.</summary>
internal static class TestCalls
{
    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Tuesday 3 November 2026, 14:05:09 in London (GMT, so also UTC).</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 3, 14, 5, 9, TimeSpan.Zero);

    public static CallVariables NewCall(UserVariables? users = null, TimeZoneInfo? zone = null, DateTimeOffset? start = null) =>
        new(users ?? new UserVariables(), zone ?? London, start ?? Start);

    /// <summary>"2026-03-29T00:30Z" style instants, read invariantly.</summary>
    public static DateTimeOffset Utc(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
