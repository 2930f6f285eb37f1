using System.Collections.Frozen;
using CallFlow.Vmp;

namespace CallFlow.Speech.Languages;

/// <summary>
/// Turns the locale names a PBX or a configuration may carry into prompt language codes (<see cref="PromptLanguages"/>):
/// the codes themselves (<c>frc</c>), IETF tags (<c>fr-CA</c>, <c>pt-BR</c>, <c>es-MX</c>) and the Windows
/// three-letter names IP Office's locales are known by (<c>FRC</c>, <c>ENU</c>, <c>ESM</c>). Feed the result to
/// <c>LanguageSelector.Choose</c> (runtime), which applies Voicemail Pro's order (reference §11.2).
/// </summary>
public static class PromptLocales
{
    private static readonly FrozenDictionary<string, string> Windows = new Dictionary<string, string>
    {
        ["eng"] = "en", ["ena"] = "en", ["enz"] = "en", ["eni"] = "en", ["enu"] = "enu", ["enc"] = "enu",
        ["fra"] = "fr", ["frb"] = "fr", ["frs"] = "fr", ["frl"] = "fr", ["frc"] = "frc",
        ["deu"] = "de", ["dea"] = "de", ["des"] = "de", ["esp"] = "es", ["esn"] = "es", ["esm"] = "eso", ["ess"] = "eso",
        ["ita"] = "it", ["nld"] = "nl", ["nlb"] = "nl", ["ptg"] = "pt", ["ptb"] = "ptb", ["dan"] = "da", ["fin"] = "fi",
        ["ell"] = "el", ["hun"] = "hu", ["kor"] = "ko", ["nor"] = "no", ["non"] = "no", ["plk"] = "pl", ["rus"] = "ru",
        ["sve"] = "sv", ["trk"] = "trk", ["chs"] = "ch", ["zhh"] = "zzh",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The prompt language of <paramref name="locale"/>, or null when it is empty or names no prompt language.</summary>
    /// <example><code>PromptLocales.ToPromptLanguage("fr-CA") == "frc"; PromptLocales.ToPromptLanguage("ESM") == "eso"</code></example>
    public static string? ToPromptLanguage(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
            return null;
        var trimmed = locale.Trim();
        if (PromptLanguages.All.ContainsKey(trimmed))
            return trimmed;
        if (Windows.TryGetValue(trimmed, out var code))
            return code;
        var parts = trimmed.Replace('_', '-').ToLowerInvariant().Split('-');
        var region = parts.Length > 1 ? parts[^1] : "";
        return parts[0] switch
        {
            "en" => region is "us" or "ca" ? "enu" : "en",
            "fr" => region == "ca" ? "frc" : "fr",
            "es" => region is "" or "es" ? "es" : "eso",   // every other Spanish-speaking region: Latin American Spanish
            "pt" => region == "br" ? "ptb" : "pt",
            "zh" => parts.Contains("hk") || parts.Contains("mo") || parts.Contains("yue") ? "zzh" : "ch",
            "yue" => "zzh",
            "cmn" => "ch",
            "nb" or "nn" or "no" => "no",
            "tr" => "trk",
            var language when PromptLanguages.All.ContainsKey(language) && language.Length == 2 => language,
            _ => null,
        };
    }
}
