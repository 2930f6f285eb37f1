using System.Globalization;
using CallFlow.Vmp;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// A value to read out, from a <c>digits(...)</c> prompt or a system prompt that carries one (runtime/README.md:
/// "say_number:42", "say_digits:201", "say_time:14:05", "say_date:2026-11-23").
/// </summary>
/// <param name="Kind">What is read.</param>
/// <param name="Number">The number (<see cref="PromptValueKind.Number"/>).</param>
/// <param name="Digits">The characters (<see cref="PromptValueKind.Digits"/>).</param>
/// <param name="Time">The time (<see cref="PromptValueKind.Time"/>).</param>
/// <param name="Date">The date (<see cref="PromptValueKind.Date"/>).</param>
public sealed record PromptValue(PromptValueKind Kind, long Number = 0, string Digits = "", TimeOnly Time = default, DateOnly Date = default)
{
    private static readonly string[] Prefixes = ["say_number:", "say_digits:", "say_time:", "say_date:"];

    /// <summary>True for prompts that are composed rather than played whole: digits, and system prompts with a value.</summary>
    public static bool IsComposed(VmpPromptKind kind, string text) =>
        kind == VmpPromptKind.Digits || (kind == VmpPromptKind.System && Prefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>The value of a composed prompt, or null when it is not composed or its value is malformed ("say_time:25:00").</summary>
    public static PromptValue? Parse(VmpPromptKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (kind == VmpPromptKind.Digits)
            return new PromptValue(PromptValueKind.Digits, Digits: text);
        if (kind != VmpPromptKind.System)
            return null;
        var colon = text.IndexOf(':');
        if (colon < 0)
            return null;
        var value = text[(colon + 1)..];
        var invariant = CultureInfo.InvariantCulture;
        return text[..colon] switch
        {
            "say_number" when long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out var number) => new PromptValue(PromptValueKind.Number, Number: number),
            "say_digits" => new PromptValue(PromptValueKind.Digits, Digits: value),
            "say_time" when TimeOnly.TryParseExact(value, ["HH:mm", "H:mm"], invariant, DateTimeStyles.None, out var time) => new PromptValue(PromptValueKind.Time, Time: time),
            "say_date" when DateOnly.TryParseExact(value, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date) => new PromptValue(PromptValueKind.Date, Date: date),
            _ => null,
        };
    }

    /// <summary>ISO weekday, Monday 1 to Sunday 7: the catalogue's <c>day_1</c> to <c>day_7</c>.</summary>
    public int IsoWeekday => Date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)Date.DayOfWeek;
}
