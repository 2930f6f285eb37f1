using System.Globalization;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// Reads variable values as numbers the same way on every machine: an optional sign, digits and at most one
/// '.', surrounding white space allowed. No thousands separators, no exponent, never the current culture.
/// </summary>
internal static class InvariantNumber
{
    private const NumberStyles Style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
                                       NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>True when <paramref name="text"/> is a number; values past decimal's range (about 7.9e28) are not.</summary>
    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);

    /// <summary>True when the text is a number written with a decimal point ("5.0", "61.5"), which makes EVAL work in decimals.</summary>
    public static bool HasDecimalPoint(string text) => text.Contains('.');

    /// <summary>The value truncated toward zero and clamped to the range of long; 0 when the text is not a number.</summary>
    public static long ToInteger(string text) =>
        TryParse(text, out var value) ? long.CreateSaturating(decimal.Truncate(value)) : 0;
}
