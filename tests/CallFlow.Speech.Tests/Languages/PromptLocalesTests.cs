using CallFlow.Speech.Languages;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Languages;

public sealed class PromptLocalesTests
{
    [Theory]
    [InlineData("frc", "frc")]
    [InlineData("fr-CA", "frc")]
    [InlineData("FRC", "frc")]
    [InlineData("fr_FR", "fr")]
    [InlineData("fr-BE", "fr")]
    [InlineData("en-GB", "en")]
    [InlineData("en-US", "enu")]
    [InlineData("ENU", "enu")]
    [InlineData("en", "en")]
    [InlineData("es-ES", "es")]
    [InlineData("es-MX", "eso")]
    [InlineData("es-419", "eso")]
    [InlineData("ESM", "eso")]
    [InlineData("pt-BR", "ptb")]
    [InlineData("pt-PT", "pt")]
    [InlineData("PTG", "pt")]
    [InlineData("zh-HK", "zzh")]
    [InlineData("zh-Hant-HK", "zzh")]
    [InlineData("zh-CN", "ch")]
    [InlineData("nb-NO", "no")]
    [InlineData("tr-TR", "trk")]
    [InlineData("de-AT", "de")]
    [InlineData("DEU", "de")]
    [InlineData(" nl ", "nl")]
    [InlineData("ja-JP", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Locale_names_map_to_prompt_languages(string? locale, string? language) =>
        Assert.Equal(language, PromptLocales.ToPromptLanguage(locale));

    [Fact]
    public void Every_prompt_language_code_maps_to_itself() =>
        Assert.All(PromptLanguages.All.Keys, code => Assert.Equal(code, PromptLocales.ToPromptLanguage(code)));

    /// <summary>The fallback table of reference §11.1, for every language: the chain a missing prompt follows.</summary>
    [Theory]
    [InlineData("ptb", "ptb pt en")]
    [InlineData("zzh", "zzh en enu")]
    [InlineData("ch", "ch en enu")]
    [InlineData("da", "da en")]
    [InlineData("nl", "nl en")]
    [InlineData("en", "en")]
    [InlineData("enu", "enu en")]
    [InlineData("fi", "fi en")]
    [InlineData("fr", "fr frc en")]
    [InlineData("frc", "frc fr enu en")]
    [InlineData("de", "de en")]
    [InlineData("el", "el en")]
    [InlineData("hu", "hu en")]
    [InlineData("it", "it en")]
    [InlineData("ko", "ko en")]
    [InlineData("eso", "eso es enu en")]
    [InlineData("no", "no en")]
    [InlineData("pl", "pl en")]
    [InlineData("pt", "pt ptb en")]
    [InlineData("ru", "ru en")]
    [InlineData("es", "es eso en")]
    [InlineData("sv", "sv en")]
    [InlineData("trk", "trk en")]
    [InlineData("tty", "tty en")]
    public void The_fallback_chain_of_every_language_is_the_manuals(string language, string chain)
    {
        Assert.Equal(chain.Split(' '), PromptLanguages.FallbackChain(language));
        Assert.Equal("en", PromptLanguages.FallbackChain(language).Contains("en") ? "en" : null); // every chain reaches English
    }

    [Fact]
    public void The_table_covers_every_language_of_the_manual()
    {
        var tested = typeof(PromptLocalesTests).GetMethod(nameof(The_fallback_chain_of_every_language_is_the_manuals))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]).ToHashSet();
        Assert.Equal(PromptLanguages.All.Keys.ToHashSet(), tested);
        Assert.Equal(24, tested.Count); // 23 languages of §11.1 and TTY
    }
}
