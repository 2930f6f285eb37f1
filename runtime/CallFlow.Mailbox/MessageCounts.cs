namespace CallFlow.Mailbox;

/// <summary>How many messages of a mailbox are in each state, recordings included.</summary>
/// <param name="New">Messages in state <see cref="MessageState.New"/>.</param>
/// <param name="Unopened">Messages in state <see cref="MessageState.Unopened"/> (header heard, content not).</param>
/// <param name="Old">Messages in state <see cref="MessageState.Old"/>.</param>
/// <param name="Saved">Messages in state <see cref="MessageState.Saved"/>.</param>
/// <param name="Deleted">Messages marked deleted and not yet removed by housekeeping.</param>
public sealed record MessageCounts(int New, int Unopened, int Old, int Saved, int Deleted)
{
    /// <summary>No messages at all.</summary>
    public static MessageCounts Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>
    /// Messages whose content nobody has heard: New plus Unopened. CallFlow's answer to reference §18.19:
    /// an Unopened message keeps the lamp lit, because only its header was played.
    /// </summary>
    public int Waiting => New + Unopened;
}
