namespace CallFlow.Mailbox;

/// <summary>
/// Raised after a committed change altered a mailbox's New or Unopened count (reference §7.12). Events for one
/// mailbox arrive in commit order; a change superseded by a later one before delivery may be skipped, so the last
/// event seen always carries the current counts.
/// </summary>
public sealed class MessageWaitingChangedEventArgs(string mailbox, MessageCounts counts) : EventArgs
{
    /// <summary>The mailbox whose counts changed.</summary>
    public string Mailbox { get; } = mailbox;

    /// <summary>All counts after the change.</summary>
    public MessageCounts Counts { get; } = counts;

    /// <summary>Messages in state New.</summary>
    public int NewCount => Counts.New;

    /// <summary>Messages in state Old.</summary>
    public int OldCount => Counts.Old;

    /// <summary>Whether the lamp should be lit: some message's content is unheard (New or Unopened).</summary>
    public bool MessagesWaiting => Counts.Waiting > 0;
}
