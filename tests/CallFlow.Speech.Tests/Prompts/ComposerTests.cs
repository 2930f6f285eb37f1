using CallFlow.Speech.Prompts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Prompts;

/// <summary>Read-outs as the words their pieces say, joined by spaces; every piece must have text in the language.</summary>
public sealed class ComposerTests
{
    [Theory]
    [InlineData(0, "zero", "zero")]
    [InlineData(7, "seven", "seven")]
    [InlineData(21, "twenty-one", "twenty-one")]
    [InlineData(99, "ninety-nine", "ninety-nine")]
    [InlineData(100, "one hundred", "one hundred")]
    [InlineData(105, "one hundred and five", "one hundred five")]
    [InlineData(342, "three hundred and forty-two", "three hundred forty-two")]
    [InlineData(1000, "one thousand", "one thousand")]
    [InlineData(1005, "one thousand and five", "one thousand five")]
    [InlineData(1234, "one thousand two hundred and thirty-four", "one thousand two hundred thirty-four")]
    [InlineData(20_000, "twenty thousand", "twenty thousand")]
    [InlineData(1_000_001, "one million and one", "one million one")]
    [InlineData(2_500_000_000, "two billion five hundred million", "two billion five hundred million")]
    [InlineData(-3, "minus three", "minus three")]
    [InlineData(1_000_000_000_000, "one zero zero zero zero zero zero zero zero zero zero zero zero", "one zero zero zero zero zero zero zero zero zero zero zero zero")]
    public void English_numbers(long number, string british, string american)
    {
        Assert.Equal(british, Say($"say_number:{number}", "en"));
        Assert.Equal(american, Say($"say_number:{number}", "enu"));
    }

    [Theory]
    [InlineData("14:05", "two oh five p.m.")]
    [InlineData("14:30", "two thirty p.m.")]
    [InlineData("09:00", "nine a.m.")]
    [InlineData("00:00", "twelve midnight")]
    [InlineData("00:07", "twelve oh seven a.m.")]
    [InlineData("12:00", "twelve noon")]
    [InlineData("12:45", "twelve forty-five p.m.")]
    [InlineData("23:59", "eleven fifty-nine p.m.")]
    public void English_times_on_the_12_hour_clock(string time, string spoken) =>
        Assert.Equal(spoken, Say($"say_time:{time}", "en"));

    [Fact]
    public void English_dates_in_each_countrys_order()
    {
        Assert.Equal("Monday the twenty-third of November", Say("say_date:2026-11-23", "en"));
        Assert.Equal("Monday November twenty-third", Say("say_date:2026-11-23", "enu"));
        Assert.Equal("Tuesday the first of December", Say("say_date:2026-12-01", "en"));
        Assert.Equal("Sunday the thirty-first of May", Say("say_date:2026-05-31", "en"));
    }

    [Theory]
    [InlineData(0, "zéro")]
    [InlineData(1, "un")]
    [InlineData(17, "dix-sept")]
    [InlineData(21, "vingt et un")]
    [InlineData(22, "vingt-deux")]
    [InlineData(70, "soixante-dix")]
    [InlineData(71, "soixante et onze")]
    [InlineData(77, "soixante-dix-sept")]
    [InlineData(80, "quatre-vingts")]
    [InlineData(81, "quatre-vingt-un")]
    [InlineData(91, "quatre-vingt-onze")]
    [InlineData(99, "quatre-vingt-dix-neuf")]
    [InlineData(100, "cent")]
    [InlineData(101, "cent un")]
    [InlineData(180, "cent quatre-vingts")]
    [InlineData(200, "deux cents")]
    [InlineData(201, "deux cent un")]
    [InlineData(1000, "mille")]
    [InlineData(1001, "mille un")]
    [InlineData(2000, "deux mille")]
    [InlineData(21_000, "vingt et un mille")]
    [InlineData(80_000, "quatre-vingt mille")]
    [InlineData(200_000, "deux cent mille")]
    [InlineData(280_080, "deux cent quatre-vingt mille quatre-vingts")]
    [InlineData(1_000_000, "un million")]
    [InlineData(2_000_000, "deux millions")]
    [InlineData(80_000_000, "quatre-vingts millions")]
    [InlineData(200_000_000, "deux cents millions")]
    [InlineData(1_000_000_000, "un milliard")]
    [InlineData(3_001_000_000, "trois milliards un million")]
    [InlineData(-42, "moins quarante-deux")]
    public void French_numbers(long number, string spoken)
    {
        Assert.Equal(spoken, Say($"say_number:{number}", "fr"));
    }

    [Theory]
    [InlineData("14:05", "quatorze heures cinq")]
    [InlineData("14:00", "quatorze heures")]
    [InlineData("00:00", "zéro heure")]
    [InlineData("01:01", "une heure une")]
    [InlineData("01:21", "une heure vingt et une")]
    [InlineData("21:31", "vingt et une heures trente et une")]
    [InlineData("11:11", "onze heures onze")]
    [InlineData("23:59", "vingt-trois heures cinquante-neuf")]
    public void French_times_on_the_24_hour_clock_with_feminine_une(string time, string spoken) =>
        Assert.Equal(spoken, Say($"say_time:{time}", "fr"));

    [Fact]
    public void French_dates_say_premier_for_the_first()
    {
        Assert.Equal("lundi vingt-trois novembre", Say("say_date:2026-11-23", "fr"));
        Assert.Equal("mardi premier décembre", Say("say_date:2026-12-01", "fr"));
    }

    [Fact]
    public void Digits_are_read_one_by_one_with_star_and_hash_by_name()
    {
        Assert.Equal("zero one six three two", Say("01632", "en", VmpPromptKind.Digits));
        Assert.Equal("two zero one star hash", Say("say_digits:201*#", "en"));
        Assert.Equal("two zero one star pound", Say("say_digits:201*#", "enu"));
        Assert.Equal("plus four four one", Say("+44 (1)", "en", VmpPromptKind.Digits));
        Assert.Equal("deux zéro un étoile dièse", Say("201*#", "fr", VmpPromptKind.Digits));
        Assert.Equal("", Say("unknown", "en", VmpPromptKind.Digits));
    }

    [Theory]
    [InlineData("say_number:4x")]
    [InlineData("say_number:")]
    [InlineData("say_time:25:00")]
    [InlineData("say_time:14:60")]
    [InlineData("say_time:1405")]
    [InlineData("say_date:2026-02-30")]
    [InlineData("say_date:23/11/2026")]
    public void Malformed_values_are_not_read(string prompt)
    {
        Assert.True(PromptValue.IsComposed(VmpPromptKind.System, prompt));
        Assert.Null(PromptValue.Parse(VmpPromptKind.System, prompt));
    }

    [Fact]
    public void Only_values_and_digits_are_composed()
    {
        Assert.False(PromptValue.IsComposed(VmpPromptKind.System, "welcome"));
        Assert.False(PromptValue.IsComposed(VmpPromptKind.File, "say_number:4.wav"));
        Assert.True(PromptValue.IsComposed(VmpPromptKind.Digits, "201"));
        Assert.Null(PromptComposer.GrammarFor("de"));
        Assert.Same(FrenchGrammar.Instance, PromptComposer.GrammarFor("frc"));
    }

    [Theory]
    [InlineData("say_time:14:05", "de", "14 Uhr 5")]
    [InlineData("say_time:14:00", "de", "14 Uhr")]
    [InlineData("say_date:2026-11-23", "de", "Montag, dreiundzwanzigster November")]
    [InlineData("say_date:2026-11-23", "es", "lunes 23 de noviembre")]
    [InlineData("say_date:2026-12-01", "it", "martedì primo dicembre")]
    [InlineData("say_date:2026-11-23", "it", "lunedì 23 novembre")]
    [InlineData("say_date:2026-11-23", "nl", "maandag 23 november")]
    [InlineData("say_date:2026-11-23", "pt", "segunda-feira, 23 de novembro")]
    [InlineData("say_time:09:30", "pt", "9 horas e 30")]
    [InlineData("say_number:-42", "nl", "-42")]
    [InlineData("say_digits:20*#", "es", "2 0 asterisco almohadilla")]
    public void Languages_without_pieces_give_TTS_a_text_from_their_templates(string prompt, string language, string text) =>
        Assert.Equal(text, PromptComposer.SpokenText(PromptValue.Parse(VmpPromptKind.System, prompt)!, language, PromptCatalogue.BuiltIn));

    [Fact]
    public void Languages_with_neither_pieces_nor_templates_have_no_spoken_text()
    {
        var value = PromptValue.Parse(VmpPromptKind.System, "say_number:3")!;
        Assert.Null(PromptComposer.SpokenText(value, "ko", PromptCatalogue.BuiltIn));
        Assert.Null(PromptComposer.SpokenText(value, "en", PromptCatalogue.BuiltIn)); // English reads from pieces instead
    }

    [Fact]
    public void Every_piece_any_value_needs_has_text_in_the_languages_with_a_grammar()
    {
        var values = new List<string>();
        for (var n = -120; n <= 2100; n++)
            values.Add($"say_number:{n}");
        values.AddRange(new[] { 80_000L, 280_080, 1_000_000, 2_000_000, 80_000_000, 200_000_000, 1_000_000_000, 999_999_999_999, 1_000_000_000_000 }.Select(n => $"say_number:{n}"));
        for (var minutes = 0; minutes < 24 * 60; minutes++)
            values.Add($"say_time:{minutes / 60:D2}:{minutes % 60:D2}");
        for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
            values.Add($"say_date:{day:yyyy-MM-dd}");
        values.Add("say_digits:0123456789*#+");
        foreach (var language in new[] { "en", "enu", "fr" })
            foreach (var value in values)
                Say(value, language);
    }

    /// <summary>The texts of the pieces, joined; fails when a piece has no text in <paramref name="language"/>.</summary>
    private static string Say(string prompt, string language, VmpPromptKind kind = VmpPromptKind.System)
    {
        var value = PromptValue.Parse(kind, prompt) ?? throw new InvalidOperationException($"'{prompt}' does not parse");
        var pieces = PromptComposer.GrammarFor(language)!.Compose(value);
        return string.Join(' ', pieces.Select(piece => PromptCatalogue.BuiltIn.TextOf(language, piece)
            ?? throw new Xunit.Sdk.XunitException($"{language} has no text for piece '{piece}' (from {prompt})")));
    }
}
