namespace CallFlow.Mailbox;

/// <summary>What is known about a message when its recording starts.</summary>
/// <param name="Mailbox">Target mailbox; it must exist (<see cref="IMailboxStore.EnsureMailboxAsync"/>).</param>
/// <example><c>new RecordingRequest("Sales") { CallerNumber = "01632960123", Priority = true }</c></example>
public sealed record RecordingRequest(string Mailbox)
{
    /// <summary>The caller's number, when known.</summary>
    public string? CallerNumber { get; init; }

    /// <summary>The caller's name, when known.</summary>
    public string? CallerName { get; init; }

    /// <summary>Message (the default) or call recording.</summary>
    public MessageKind Kind { get; init; } = MessageKind.Message;

    /// <summary>Intuity priority flag.</summary>
    public bool Priority { get; init; }

    /// <summary>Intuity private flag.</summary>
    public bool Private { get; init; }

    /// <summary>
    /// Shorter audio is discarded at commit (§7.14). Null takes <see cref="MailboxStoreOptions.MinimumMessageLength"/>.
    /// </summary>
    public TimeSpan? MinimumLength { get; init; }

    /// <summary>
    /// The e-mail of the mailbox's e-mail mode (reference §10.4), queued in the same transaction as the message. In
    /// Forward mode the message is stored as <see cref="MessageState.AwaitingEmail"/>: no lamp, not listed, and removed
    /// once the e-mail is accepted. Null (the default): no e-mail. Ignored for a discarded (too short) recording.
    /// </summary>
    public MessageEmail? Email { get; init; }
}
