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
    public MessageInfo ToMessage() => new(Id, Mailbox, Kind, MessageState.New, CallerNumber, CallerName,
        ReceivedUtc, ReceivedUtc, MessageAudio.Duration(AudioBytes), Priority, Private, ForwardedFrom);
}
