using System.Collections.Immutable;

namespace CallFlow.Configuration;

/// <summary>An IP Office user and so a user mailbox (reference §7.1, §7.13). Defaults are the IP Office's.</summary>
/// <param name="Name">The mailbox name: the user's Name, case-sensitive, trailing spaces already dropped.</param>
/// <param name="Extension">Extension number (digits), if any.</param>
/// <param name="FullName">Full name, for people; the mailbox is still known by <paramref name="Name"/>.</param>
/// <param name="VoicemailOn">Whether the mailbox answers unanswered calls (default true).</param>
/// <param name="VoicemailHelp">IP Office mode: the extra help prompt (default false).</param>
/// <param name="Ringback">Call the extension back when a new message arrives (default false).</param>
/// <param name="Email">Voicemail e-mail address, if any.</param>
/// <param name="EmailMode">What is e-mailed on a new message (default Off; any other mode needs <paramref name="Email"/>).</param>
/// <param name="Breakout">Overrides of the system breakout numbers: null keeps the system's, "" means none.</param>
/// <param name="SourceNumbers">Trusted numbers, group lamps and callback numbers (§7.8).</param>
public sealed record UserConfiguration(
    string Name,
    string? Extension,
    string? FullName,
    bool VoicemailOn,
    bool VoicemailHelp,
    bool Ringback,
    string? Email,
    EmailMode EmailMode,
    BreakoutNumbers Breakout,
    ImmutableArray<SourceNumber> SourceNumbers)
{
    /// <summary>
    /// The user's prompt language (reference §11.2, the IP Office user's Locale), a code of <c>CallFlow.Vmp.PromptLanguages</c>
    /// such as "fr"; null when not set, so the system language applies. Over SIP it is the language of calls from this
    /// user, and of calls to this user's mailbox that bring no language of their own (docs/sip.md, "The call's language").
    /// </summary>
    public string? Language { get; init; }

    /// <summary>A user with every setting at its default.</summary>
    public static UserConfiguration Named(string name) =>
        new(name, null, null, VoicemailOn: true, VoicemailHelp: false, Ringback: false, null, EmailMode.Off, BreakoutNumbers.None, []);
}
