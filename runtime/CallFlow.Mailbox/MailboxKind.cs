namespace CallFlow.Mailbox;

/// <summary>Whose mailbox it is (reference §7.1). Stored in <c>mailbox.db</c>: never renumber.</summary>
public enum MailboxKind
{
    /// <summary>An IP Office user's mailbox.</summary>
    User = 0,

    /// <summary>A hunt group's mailbox; with Broadcast its messages are copied to the members (§7.11).</summary>
    HuntGroup = 1,
}
