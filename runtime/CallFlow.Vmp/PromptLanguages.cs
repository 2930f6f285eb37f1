using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CallFlow.Vmp;

/// <summary>
/// The installable prompt languages of Voicemail Pro 9.0 with their folder codes and fallback chains
/// (reference §11.1): when a prompt is missing in the call's language the next language in the chain is used.
/// Shared by the compiler (which checks language codes) and the runtime (which plays prompts).
/// </summary>
public static class PromptLanguages
{
    /// <summary>The languages to try, in order, for prompts in <paramref name="code"/>; an unknown code falls back to English.</summary>
    public static ImmutableArray<string> FallbackChain(string code) =>
        All.TryGetValue(code, out var language) ? language.Fallback : ["en"];

    public static FrozenDictionary<string, (string Name, ImmutableArray<string> Fallback)> All { get; } =
        new Dictionary<string, (string, ImmutableArray<string>)>
        {
            ["ptb"] = ("Brazilian Portuguese", ["ptb", "pt", "en"]),
            ["zzh"] = ("Chinese (Cantonese)", ["zzh", "en", "enu"]),
            ["ch"] = ("Chinese (Mandarin)", ["ch", "en", "enu"]),
            ["da"] = ("Danish", ["da", "en"]),
            ["nl"] = ("Dutch", ["nl", "en"]),
            ["en"] = ("English UK", ["en"]),
            ["enu"] = ("English US", ["enu", "en"]),
            ["fi"] = ("Finnish", ["fi", "en"]),
            ["fr"] = ("French", ["fr", "frc", "en"]),
            ["frc"] = ("French Canadian", ["frc", "fr", "enu", "en"]),
            ["de"] = ("German", ["de", "en"]),
            ["el"] = ("Greek", ["el", "en"]),
            ["hu"] = ("Hungarian", ["hu", "en"]),
            ["it"] = ("Italian", ["it", "en"]),
            ["ko"] = ("Korean", ["ko", "en"]),
            ["eso"] = ("Latin Spanish", ["eso", "es", "enu", "en"]),
            ["no"] = ("Norwegian", ["no", "en"]),
            ["pl"] = ("Polish", ["pl", "en"]),
            ["pt"] = ("Portuguese", ["pt", "ptb", "en"]),
            ["ru"] = ("Russian", ["ru", "en"]),
            ["es"] = ("Spanish", ["es", "eso", "en"]),
            ["sv"] = ("Swedish", ["sv", "en"]),
            ["trk"] = ("Turkish", ["trk", "en"]),
            ["tty"] = ("TTY (textphone)", ["tty", "en"]),
        }.ToFrozenDictionary(StringComparer.Ordinal);
}
