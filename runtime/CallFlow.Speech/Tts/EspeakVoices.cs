using System.Collections.Frozen;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tts;

/// <summary>
/// The espeak-ng voice for each prompt language of Voicemail Pro (<see cref="PromptLanguages"/>), as named by
/// <c>espeak-ng --voices</c> in Debian's espeak-ng 1.51. A language without a voice, or whose voice is not installed,
/// speaks with the first language of its fallback chain that has one (reference §11.1).
/// </summary>
public static class EspeakVoices
{
    /// <summary>Every prompt language code with its voice, or null when espeak-ng has none.</summary>
    public static FrozenDictionary<string, string?> ByLanguage { get; } = new Dictionary<string, string?>
    {
        ["ptb"] = "pt-br",
        ["zzh"] = "yue",     // Cantonese
        ["ch"] = "cmn",      // Mandarin, Latin letters read as English
        ["da"] = "da",
        ["nl"] = "nl",
        ["en"] = "en-gb",
        ["enu"] = "en-us",
        ["fi"] = "fi",
        ["fr"] = "fr-fr",
        ["frc"] = "fr-fr",   // espeak-ng has no Canadian French; France's voice reads it (fr-be and fr-ch are no closer)
        ["de"] = "de",
        ["el"] = "el",
        ["hu"] = "hu",       // Voicemail Pro's Windows engines lacked Hungarian (§3.1.2); espeak-ng has it
        ["it"] = "it",
        ["ko"] = "ko",
        ["eso"] = "es-419",  // Latin American Spanish
        ["no"] = "nb",       // Bokmål
        ["pl"] = "pl",
        ["pt"] = "pt",
        ["ru"] = "ru",
        ["es"] = "es",
        ["sv"] = "sv",
        ["trk"] = "tr",
        ["tty"] = null,      // a textphone needs V.18 text, not speech: its chain (tty > en) speaks English
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The voice meant for <paramref name="language"/> itself, or null (no voice, or not a prompt language).</summary>
    public static string? Preferred(string language) => ByLanguage.GetValueOrDefault(language);

    /// <summary>
    /// The voice that speaks <paramref name="language"/>: its own when installed, else that of the first language of
    /// <see cref="PromptLanguages.FallbackChain"/> whose voice is installed; null when none is.
    /// </summary>
    /// <example><code>EspeakVoices.Choose("frc", installed) == "fr-fr"; EspeakVoices.Choose("tty", installed) == "en-gb"</code></example>
    public static string? Choose(string language, IReadOnlySet<string> installed)
    {
        ArgumentNullException.ThrowIfNull(installed);
        foreach (var candidate in PromptLanguages.FallbackChain(language))
            if (Preferred(candidate) is { } voice && installed.Contains(voice))
                return voice;
        return null;
    }
}
