using System.Globalization;

namespace CallFlow.Speech.Prompts;

/// <summary>Piece names shared by the grammars: every number from 0 to 99 has its own piece, so no language joins tens and units itself.</summary>
internal static class Numbers
{
    /// <summary>Numbers this far from zero are read in full; longer ones digit by digit (no telephone value needs trillions).</summary>
    public const long MaxReadInFull = 999_999_999_999;

    private static readonly string[] Names = [.. Enumerable.Range(0, 100).Select(n => string.Create(CultureInfo.InvariantCulture, $"num_{n}"))];

    /// <summary><c>num_0</c> to <c>num_99</c>.</summary>
    public static string Name(long below100) => Names[below100];

    /// <summary>"num_{n}f": the feminine form French uses for hours and minutes ending in one.</summary>
    public static string Feminine(int n) => string.Create(CultureInfo.InvariantCulture, $"num_{n}f");

    /// <summary><c>ord_1</c> to <c>ord_31</c>.</summary>
    public static string Ordinal(int n) => string.Create(CultureInfo.InvariantCulture, $"ord_{n}");

    /// <summary><c>day_1</c> (Monday) to <c>day_7</c> (Sunday).</summary>
    public static string Weekday(PromptValue date) => string.Create(CultureInfo.InvariantCulture, $"day_{date.IsoWeekday}");

    /// <summary><c>month_1</c> to <c>month_12</c>.</summary>
    public static string Month(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"month_{date.Month}");

    /// <summary>The magnitude of a long as an unsigned value (long.MinValue included).</summary>
    public static ulong Magnitude(long n) => n < 0 ? (ulong)(-(n + 1)) + 1 : (ulong)n;
}
