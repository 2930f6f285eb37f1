using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// French read-outs (fr, and frc through it). Numbers follow the traditional rules: "vingt et un", "soixante et
/// onze", "quatre-vingts" but "quatre-vingt-un" and "quatre-vingt mille", "deux cents" but "deux cent un" and
/// "deux cent mille", "mille" without "un", "un million", "deux millions". Times on the 24-hour clock with the
/// feminine "une" that "heure" and "minute" take: 14:05 "quatorze heures cinq", 01:21 "une heure vingt et une",
/// 00:00 "zéro heure". Dates: "lundi vingt-trois novembre", "mardi premier décembre".
/// </summary>
public sealed class FrenchGrammar : IPromptGrammar
{
    private static readonly (long Scale, string One, string Many)[] Scales =
        [(1_000_000_000, "num_milliard", "num_milliards"), (1_000_000, "num_million", "num_millions")];

    private FrenchGrammar()
    {
    }

    /// <summary>The grammar of fr and frc.</summary>
    public static FrenchGrammar Instance { get; } = new();

    /// <inheritdoc />
    public string Family => "french";

    /// <inheritdoc />
    public ImmutableArray<string> Compose(PromptValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var pieces = ImmutableArray.CreateBuilder<string>();
        switch (value.Kind)
        {
            case PromptValueKind.Number:
                Number(pieces, value.Number);
                break;
            case PromptValueKind.Digits:
                return DigitPieces.For(value.Digits);
            case PromptValueKind.Time:
                Time(pieces, value.Time);
                break;
            default:
                pieces.Add(Numbers.Weekday(value));
                pieces.Add(value.Date.Day == 1 ? Numbers.Ordinal(1) : Numbers.Name(value.Date.Day));
                pieces.Add(Numbers.Month(value.Date));
                break;
        }
        return pieces.ToImmutable();
    }

    private static void Number(ImmutableArray<string>.Builder pieces, long number)
    {
        if (number < 0)
            pieces.Add("num_minus");
        var magnitude = Numbers.Magnitude(number);
        if (magnitude > Numbers.MaxReadInFull)
        {
            pieces.AddRange(DigitPieces.For(magnitude.ToString(CultureInfo.InvariantCulture)));
            return;
        }
        var n = (long)magnitude;
        if (n == 0)
        {
            pieces.Add(Numbers.Name(0));
            return;
        }
        // Million and milliard are nouns: "un million", "deux millions", and what multiplies them keeps its plural s.
        foreach (var (scale, one, many) in Scales)
        {
            var group = n / scale % 1000;
            if (group == 1)
                pieces.AddRange(Numbers.Name(1), one);
            else if (group > 1)
            {
                Group(pieces, group, beforeMille: false);
                pieces.Add(many);
            }
        }
        // Mille is an adjective: never "un mille", never "milles", and "cent" and "quatre-vingt" before it take no s.
        var thousands = n / 1000 % 1000;
        if (thousands > 1)
            Group(pieces, thousands, beforeMille: true);
        if (thousands > 0)
            pieces.Add("num_mille");
        if (n % 1000 > 0)
            Group(pieces, n % 1000, beforeMille: false);
    }

    private static void Group(ImmutableArray<string>.Builder pieces, long below1000, bool beforeMille)
    {
        var (hundreds, rest) = (below1000 / 100, below1000 % 100);
        if (hundreds > 1)
            pieces.Add(Numbers.Name(hundreds));
        if (hundreds > 0)
            pieces.Add(hundreds > 1 && rest == 0 && !beforeMille ? "num_cents" : "num_cent");
        if (rest == 80 && beforeMille)
            pieces.Add("num_80_invariable");
        else if (rest > 0)
            pieces.Add(Numbers.Name(rest));
    }

    private static void Time(ImmutableArray<string>.Builder pieces, TimeOnly time)
    {
        pieces.Add(Feminine(time.Hour));
        pieces.Add(time.Hour <= 1 ? "time_hour" : "time_hours");
        if (time.Minute > 0)
            pieces.Add(Feminine(time.Minute));
    }

    /// <summary>"une", "vingt et une" ...: a number ending in one before a feminine noun (heure, minute).</summary>
    private static string Feminine(int n) => n % 10 == 1 && n != 11 ? Numbers.Feminine(n) : Numbers.Name(n);
}
