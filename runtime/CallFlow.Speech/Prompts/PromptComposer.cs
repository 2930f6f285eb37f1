using System.Globalization;
using System.Text;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Reads values out in a language, in one of two ways. Languages with a grammar (en, enu, fr, frc) compose them
/// from pre-rendered pieces (<see cref="IPromptGrammar"/>), so no TTS runs during the call. Languages whose
/// catalogue has templates (de, es, it, nl, pt) hand a text to TTS in their own voice: espeak-ng reads "42" as
/// "zweiundvierzig" and the template puts times and dates in the language's order. Others use a language further
/// along their fallback chain (<see cref="PromptLibrary"/>).
/// </summary>
public static class PromptComposer
{
    /// <summary>The piece grammar of <paramref name="language"/>, or null.</summary>
    public static IPromptGrammar? GrammarFor(string language) => language switch
    {
        "en" => EnglishGrammar.British,
        "enu" => EnglishGrammar.American,
        "fr" or "frc" => FrenchGrammar.Instance,
        _ => null,
    };

    /// <summary>
    /// The text TTS should speak for <paramref name="value"/> in <paramref name="language"/>, from the catalogue's
    /// <c>template_time</c>, <c>template_time_hour</c> and <c>template_date</c> (placeholders <c>{hour}</c>,
    /// <c>{minute}</c>, <c>{weekday}</c>, <c>{day}</c>, <c>{ordinal}</c>, <c>{month}</c>, <c>{year}</c>); null when the
    /// language has no templates.
    /// </summary>
    /// <example><code>PromptComposer.SpokenText(new(PromptValueKind.Time, Time: new(14, 5)), "de", catalogue) == "14 Uhr 5"</code></example>
    public static string? SpokenText(PromptValue value, string language, PromptCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.TextOf(language, "template_time") is null)
            return null;
        var invariant = CultureInfo.InvariantCulture;
        string Text(string name, string otherwise) => catalogue.TextOf(language, name) ?? otherwise;
        switch (value.Kind)
        {
            case PromptValueKind.Number:
                return value.Number.ToString(invariant);
            case PromptValueKind.Digits:
                // Separate characters, so TTS reads "2 0 1" as digits and not as "two hundred and one".
                return string.Join(' ', value.Digits.Where(c => c is (>= '0' and <= '9') or '*' or '#' or '+').Select(c => c switch
                {
                    '*' => Text("key_star", "*"),
                    '#' => Text("key_hash", "#"),
                    '+' => Text("key_plus", "+"),
                    _ => c.ToString(),
                }));
            case PromptValueKind.Time:
                return new StringBuilder(value.Time.Minute == 0 ? Text("template_time_hour", "{hour}") : Text("template_time", "{hour} {minute}"))
                    .Replace("{hour}", value.Time.Hour.ToString(invariant))
                    .Replace("{minute}", value.Time.Minute.ToString(invariant))
                    .ToString();
            default:
                var day = value.Date.Day.ToString(invariant);
                return new StringBuilder(Text("template_date", "{weekday} {day} {month}"))
                    .Replace("{weekday}", Text(Numbers.Weekday(value), ""))
                    .Replace("{ordinal}", Text(Numbers.Ordinal(value.Date.Day), day))
                    .Replace("{day}", day)
                    .Replace("{month}", Text(Numbers.Month(value.Date), ""))
                    .Replace("{year}", value.Date.Year.ToString(invariant))
                    .ToString();
        }
    }
}
