using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// The prompt language of a new call, in Voicemail Pro's order (reference §11.2): the short code's locale when the
/// call came through a short code that sets one; else the incoming call route's locale for an external caller;
/// else the user's locale for an internal caller; else the system locale. select_system_prompt_language changes
/// it later; missing prompts fall back along <see cref="PromptLanguages.FallbackChain"/>.
/// </summary>
public static class LanguageSelector
{
    /// <summary>Chooses the language code; empty or null locales are "not set".</summary>
    public static string Choose(string? shortCodeLocale, string? incomingRouteLocale, string? userLocale, bool callerIsExternal, string systemLocale)
    {
        if (!string.IsNullOrEmpty(shortCodeLocale))
            return shortCodeLocale;
        if (callerIsExternal && !string.IsNullOrEmpty(incomingRouteLocale))
            return incomingRouteLocale;
        if (!callerIsExternal && !string.IsNullOrEmpty(userLocale))
            return userLocale;
        return systemLocale;
    }
}
