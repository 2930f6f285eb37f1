namespace CallFlow.Mailbox;

/// <summary>
/// Where a message is in its life (Voicemail Pro, reference §7.5). The numeric values are stored in
/// <c>mailbox.db</c>: never renumber, only add.
/// </summary>
public enum MessageState
{
    /// <summary>Neither header nor content played.</summary>
    New = 0,

    /// <summary>Content played, not marked saved.</summary>
    Old = 1,

    /// <summary>Marked saved by the user.</summary>
    Saved = 2,

    /// <summary>Intuity mode only: the header was played, the content was not.</summary>
    Unopened = 3,

    /// <summary>Marked deleted; recoverable with undelete until housekeeping removes it.</summary>
    Deleted = 4,

    /// <summary>
    /// E-mail Forward mode (reference §10.4): kept out of sight until its e-mail is accepted, then removed. Not
    /// listed with the mailbox's messages, not counted, no message waiting, never housekept. Should the e-mail fail
    /// for good, the message becomes <see cref="New"/> instead, so it is never lost.
    /// </summary>
    AwaitingEmail = 5,
}
