namespace CallFlow.Mailbox;

/// <summary>A message whose audio is staged and whose row is about to be inserted.</summary>
internal sealed record PendingMessage(
    string Id,
    string Mailbox,
    string DirName,
    MessageKind Kind,
    string? CallerNumber,
    string? CallerName,
    DateTimeOffset ReceivedUtc,
    long AudioBytes,
    bool Priority,
    bool Private,
    string? ForwardedFrom)
{
    /// <summary>The mode e-mail to queue with the row (leave_mail with an e-mail mode), or null.</summary>
    public MessageEmail? Email { get; init; }

    /// <summary>New, or AwaitingEmail for a Forward-mode message.</summary>
    public MessageState State => Email?.Mode == EmailKind.Forward ? MessageState.AwaitingEmail : MessageState.New;

    public MessageInfo ToMessage() => new(Id, Mailbox, Kind, State, CallerNumber, CallerName,
        ReceivedUtc, ReceivedUtc, MessageAudio.Duration(AudioBytes), Priority, Private, ForwardedFrom);
}
