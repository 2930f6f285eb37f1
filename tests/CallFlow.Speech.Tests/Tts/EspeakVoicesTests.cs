using CallFlow.Speech.Tts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Tts;

public sealed class EspeakVoicesTests
{
    /// <summary>What Debian's espeak-ng 1.51 prints for `espeak-ng --voices` (an excerpt).</summary>
    private const string VoiceTable = """
        Pty Language       Age/Gender VoiceName          File                 Other Languages
         5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)
         2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
         2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
         5  es-419          --/M      Spanish_(Latin_America) roa/es-419           (es-mx 6)(es 6)
         5  fr-fr           --/M      French_(France)    roa/fr               (fr 5)
         5  my              --/M      Myanmar_(Burmese)  sit/my
         5  nb              --/M      Norwegian_Bokmål  gmq/nb               (no 5)
        """;

    [Fact]
    public void The_voice_table_gives_languages_and_their_other_names()
    {
        var voices = EspeakVoiceList.Parse(VoiceTable);
        Assert.Equal(new HashSet<string>(["cmn", "zh-cmn", "zh", "en-gb", "en", "en-us", "es-419", "es-mx", "es", "fr-fr", "fr", "my", "nb", "no"]),
            voices.ToHashSet(StringComparer.Ordinal));
        Assert.Contains("EN-GB", voices); // -v ignores case
    }

    [Fact]
    public void Every_prompt_language_has_a_voice_entry_and_only_tty_has_none()
    {
        Assert.Equal(PromptLanguages.All.Keys.Order(), EspeakVoices.ByLanguage.Keys.Order());
        Assert.Equal(["tty"], EspeakVoices.ByLanguage.Where(v => v.Value is null).Select(v => v.Key));
    }

    [Theory]
    [InlineData("en", "en-gb")]
    [InlineData("enu", "en-us")]
    [InlineData("fr", "fr-fr")]
    [InlineData("frc", "fr-fr")]
    [InlineData("es", "es")]
    [InlineData("eso", "es-419")]
    [InlineData("pt", "pt")]
    [InlineData("ptb", "pt-br")]
    [InlineData("no", "nb")]
    [InlineData("trk", "tr")]
    [InlineData("zzh", "yue")]
    [InlineData("ch", "cmn")]
    [InlineData("tty", "en-gb")]  // tty > en
    [InlineData("xx", "en-gb")]   // not a prompt language: English
    public void With_every_voice_installed_each_language_gets_its_own_or_its_chains(string language, string voice)
    {
        var all = new HashSet<string>(EspeakVoices.ByLanguage.Values.OfType<string>());
        Assert.Equal(voice, EspeakVoices.Choose(language, all));
    }

    [Fact]
    public void Every_language_falls_back_along_its_chain_when_voices_are_missing()
    {
        // With only English UK installed, every language ends at en (every chain ends there, reference §11.1).
        var englishOnly = new HashSet<string>(["en-gb"]);
        foreach (var language in PromptLanguages.All.Keys)
            Assert.Equal("en-gb", EspeakVoices.Choose(language, englishOnly));
        // Chains that pass through enu take the US voice first: frc > fr > enu > en, eso > es > enu > en.
        var english = new HashSet<string>(["en-gb", "en-us"]);
        Assert.Equal("en-us", EspeakVoices.Choose("frc", english));
        Assert.Equal("en-us", EspeakVoices.Choose("eso", english));
        Assert.Equal("en-gb", EspeakVoices.Choose("fr", english)); // fr > frc > en
        Assert.Equal("en-gb", EspeakVoices.Choose("zzh", english)); // zzh > en > enu
        Assert.Null(EspeakVoices.Choose("de", new HashSet<string>()));
    }
}
