using System.Collections.Immutable;

namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>
/// One mailbox as the mailbox actions need it: whose it is, its extension, breakout numbers that differ from the
/// system's, group members and broadcast, and trusted source numbers (V entries: no code asked from them).
/// </summary>
public sealed record MailboxOwner(string Name, bool IsGroup)
{
    /// <summary>The owner's extension (a user's phone, a group's number), or empty.</summary>
    public string Extension { get; init; } = "";

    /// <summary>Where keys 0, 2 and 3 send a caller who would rather not leave a message; null entries take the system's.</summary>
    public BreakoutNumbers? Breakout { get; init; }

    /// <summary>A hunt group's members (user names).</summary>
    public ImmutableArray<string> Members { get; init; } = [];

    /// <summary>A hunt group copies each message to every member and keeps none itself (reference §7.11).</summary>
    public bool Broadcast { get; init; }

    /// <summary>Voicemail on (reference §7.13): off, callers are told the mailbox takes no messages.</summary>
    public bool VoicemailOn { get; init; } = true;

    /// <summary>IP Office mode's "for help at any time press 8" is played (Voicemail Help).</summary>
    public bool Help { get; init; }

    /// <summary>For a hunt group: the users whose lamp also shows its messages (their H entries, reference §7.8).</summary>
    public ImmutableArray<string> MessageWaitingUsers { get; init; } = [];

    /// <summary>Calling numbers that reach this mailbox without its code (reference §7.8, V entries).</summary>
    public ImmutableArray<string> TrustedNumbers { get; init; } = [];

    /// <summary>The Voicemail E-mail address (reference §10.4), or null.</summary>
    public string? Email { get; init; }

    /// <summary>What is e-mailed on each new message; Off unless an address is set and the server can send e-mail.</summary>
    public CallFlow.Configuration.EmailMode EmailMode { get; init; }
}
