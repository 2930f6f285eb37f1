using System.Collections.Frozen;

namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>
/// The system preferences and the directory of mailboxes the mailbox actions follow (reference §7, §8.1). Built by
/// the server from its configuration file; tests build it directly.
/// </summary>
public sealed record MailboxPolicy
{
    /// <summary>Intuity (the default) or IP Office mode.</summary>
    public MailboxMode Mode { get; init; } = MailboxMode.Intuity;

    /// <summary>Shorter messages are discarded (Intuity default 3 s; IP Office mode 0).</summary>
    public TimeSpan MinMessageLength { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest message (default 120 s).</summary>
    public TimeSpan MaxMessageLength { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A recording ends after this much silence.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The system's breakout numbers, for mailboxes without their own.</summary>
    public BreakoutNumbers Breakout { get; init; } = new();

    /// <summary>Playback order per category (reference §9); categories not listed play first in, first out.</summary>
    public FrozenDictionary<CallFlow.Mailbox.MessageState, CallFlow.Mailbox.PlaybackOrder> PlaybackOrders { get; init; } =
        FrozenDictionary<CallFlow.Mailbox.MessageState, CallFlow.Mailbox.PlaybackOrder>.Empty;

    /// <summary>The shortest voicemail code a mailbox owner may set (Intuity default 2, IP Office mode 0).</summary>
    public int MinCodeLength { get; init; } = 2;

    /// <summary>The site's zone: the times in e-mail alerts are shown in it (UTC unless configured).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Every mailbox by name (case-sensitive).</summary>
    public FrozenDictionary<string, MailboxOwner> Mailboxes { get; init; } = FrozenDictionary<string, MailboxOwner>.Empty;

    /// <summary>A mailbox by name, else by a user's extension, else by a hunt group's number; null when none.</summary>
    public MailboxOwner? Find(string nameOrNumber)
    {
        if (nameOrNumber.Length == 0)
            return null;
        return Mailboxes.GetValueOrDefault(nameOrNumber) ?? ByExtension(nameOrNumber)
            ?? Mailboxes.Values.Where(m => m.IsGroup && m.Extension == nameOrNumber).OrderBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The mailbox whose owner has <paramref name="extension"/>, or null.</summary>
    public MailboxOwner? ByExtension(string extension) =>
        extension.Length == 0 ? null : Mailboxes.Values.Where(m => !m.IsGroup && m.Extension == extension).OrderBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault();
}
