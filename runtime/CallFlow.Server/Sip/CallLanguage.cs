using CallFlow.Configuration;
using CallFlow.Runtime.Vm;
using CallFlow.Sip;
using CallFlow.Speech.Languages;

namespace CallFlow.Server.Sip;

/// <summary>
/// The prompt language of a new SIP call (docs/sip.md, "The call's language"): Voicemail Pro's order (reference §11.2,
/// <see cref="LanguageSelector"/>) with what a SIP INVITE can carry standing in for what the IP Office knows:
/// <list type="number">
/// <item>a <c>language</c> (or <c>lang</c>) parameter on the Request-URI, any locale name <see cref="PromptLocales"/>
/// knows (<c>fr</c>, <c>fr-CA</c>, <c>FRA</c>): the locale the PBX chose for the call (its short code's or incoming call
/// route's); it overrides everything, like the short code locale;</item>
/// <item>for a caller who is a configured user (the From user part is a user's extension or name: an internal caller),
/// that user's <c>language</c>;</item>
/// <item>for any other caller (external), the <c>language</c> of the user whose mailbox is called, standing in for the
/// incoming call route's locale, which CallFlow has no configuration for;</item>
/// <item>else <c>system.language</c>.</item>
/// </list>
/// A parameter that names no prompt language is ignored. Accept-Language is not read: phones send their own display
/// language there by default, which would override the administrator's choice (RFC 3261 §20.3 meant it for reason
/// phrases and session descriptions).
/// </summary>
public static class CallLanguage
{
    /// <summary>The Request-URI parameters read, in order.</summary>
    public static readonly IReadOnlyList<string> UriParameters = ["language", "lang"];

    /// <summary>
    /// The prompt language code for <paramref name="invite"/> from <paramref name="caller"/> (the From user part) to
    /// <paramref name="mailbox"/> (the called mailbox's name, or null for a short code or start point).
    /// </summary>
    public static string Choose(SipMessage invite, string caller, string? mailbox, CallFlowConfiguration configuration)
    {
        var callerUser = User(configuration, caller);
        var calledUser = mailbox is null ? null : configuration.FindUser(mailbox);
        return LanguageSelector.Choose(
            shortCodeLocale: FromRequestUri(invite),
            incomingRouteLocale: calledUser?.Language,
            userLocale: callerUser?.Language,
            callerIsExternal: callerUser is null,
            systemLocale: configuration.System.Language);
    }

    /// <summary>The prompt language a Request-URI parameter names, or null.</summary>
    public static string? FromRequestUri(SipMessage invite)
    {
        if (invite.RequestUri is not { } uri)
            return null;
        foreach (var name in UriParameters)
        {
            if (PromptLocales.ToPromptLanguage(uri.Parameters.Get(name)) is { } language)
                return language;
        }
        return null;
    }

    // The From user part is usually the caller's extension; a user's name is accepted too (exact, as CallAddress does).
    private static UserConfiguration? User(CallFlowConfiguration configuration, string caller) =>
        caller.Length == 0 ? null
            : configuration.Users.FirstOrDefault(u => u.Extension == caller) ?? configuration.FindUser(caller);
}
