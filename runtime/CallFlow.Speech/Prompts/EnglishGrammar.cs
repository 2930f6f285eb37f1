using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// English read-outs. British (en): "one hundred and five", "Monday the twenty-third of November". American (enu):
/// "one hundred five", "Monday November twenty-third". Both read times on the 12-hour clock as people say them on
/// the phone: 14:05 "two oh five p.m.", 14:30 "two thirty p.m.", 09:00 "nine a.m.", 12:00 "twelve noon", 00:00
/// "twelve midnight". Dates leave out the year (a message envelope is this year's or last week's).
/// </summary>
public sealed class EnglishGrammar : IPromptGrammar
{
    private static readonly (long Scale, string Name)[] Scales = [(1_000_000_000, "num_billion"), (1_000_000, "num_million"), (1_000, "num_thousand")];

    private readonly bool _british;

    private EnglishGrammar(bool british) => _british = british;

    /// <summary>English UK (en).</summary>
    public static EnglishGrammar British { get; } = new(british: true);

    /// <summary>English US (enu).</summary>
    public static EnglishGrammar American { get; } = new(british: false);

    /// <inheritdoc />
    public string Family => "english";

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
                Date(pieces, value);
                break;
        }
        return pieces.ToImmutable();
    }

    private void Number(ImmutableArray<string>.Builder pieces, long number)
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
        var started = false;
        foreach (var (scale, name) in Scales)
        {
            var group = n / scale % 1000;
            if (group == 0)
                continue;
            Group(pieces, group);
            pieces.Add(name);
            started = true;
        }
        var rest = n % 1000;
        if (rest == 0)
            return;
        // British English: "one thousand and five", but "one thousand two hundred and five".
        if (_british && started && rest < 100)
            pieces.Add("num_and");
        Group(pieces, rest);
    }

    private void Group(ImmutableArray<string>.Builder pieces, long below1000)
    {
        var (hundreds, rest) = (below1000 / 100, below1000 % 100);
        if (hundreds > 0)
        {
            pieces.Add(Numbers.Name(hundreds));
            pieces.Add("num_hundred");
            if (rest > 0 && _british)
                pieces.Add("num_and");
        }
        if (rest > 0)
            pieces.Add(Numbers.Name(rest));
    }

    private static void Time(ImmutableArray<string>.Builder pieces, TimeOnly time)
    {
        var (hour, minute) = (time.Hour, time.Minute);
        var twelve = hour % 12 == 0 ? 12 : hour % 12;
        pieces.Add(Numbers.Name(twelve));
        if (minute == 0 && hour is 0 or 12)
        {
            pieces.Add(hour == 0 ? "time_midnight" : "time_noon");
            return;
        }
        if (minute is > 0 and < 10)
            pieces.Add("time_oh");
        if (minute > 0)
            pieces.Add(Numbers.Name(minute));
        pieces.Add(hour < 12 ? "time_am" : "time_pm");
    }

    private void Date(ImmutableArray<string>.Builder pieces, PromptValue value)
    {
        pieces.Add(Numbers.Weekday(value));
        if (_british)
            pieces.AddRange("date_the", Numbers.Ordinal(value.Date.Day), "date_of", Numbers.Month(value.Date));
        else
            pieces.AddRange(Numbers.Month(value.Date), Numbers.Ordinal(value.Date.Day));
    }
}
