namespace CallFlow.Mailbox;

/// <summary>
/// Why an e-mail is in the outbox: the eMail action of a flow, or a mailbox's e-mail mode on a new message (reference
/// §10.4, §10.5). The numeric values are stored in <c>mailbox.db</c>: never renumber, only add.
/// </summary>
public enum EmailKind
{
    /// <summary>Sent by an eMail action; its text is the flow's.</summary>
    Action = 0,

    /// <summary>Copy mode: the new message attached; the message stays in the mailbox.</summary>
    Copy = 1,

    /// <summary>Forward mode: the new message attached; the message is kept out of sight and removed once the e-mail is accepted.</summary>
    Forward = 2,

    /// <summary>Alert mode: a notification with the message's details, no attachment.</summary>
    Alert = 3,
}
