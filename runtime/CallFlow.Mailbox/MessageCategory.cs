namespace CallFlow.Mailbox;

/// <summary>
/// The housekeeping category of a message (reference §9): each has its own "delete after" hours and playback order.
/// It follows from <see cref="MessageKind"/> and <see cref="MessageState"/>; see <see cref="MessageInfo.CategoryOf"/>.
/// </summary>
public enum MessageCategory
{
    /// <summary>A message in state <see cref="MessageState.New"/>.</summary>
    New,

    /// <summary>A message in state <see cref="MessageState.Old"/>.</summary>
    Old,

    /// <summary>A message or recording in state <see cref="MessageState.Saved"/>.</summary>
    Saved,

    /// <summary>A message in state <see cref="MessageState.Unopened"/> (Intuity: header heard, content not).</summary>
    Unopened,

    /// <summary>A recording not yet played (state New or Unopened).</summary>
    NewRecording,

    /// <summary>A recording played (state Old).</summary>
    OldRecording,

    /// <summary>Anything in state <see cref="MessageState.Deleted"/>.</summary>
    Deleted,
}
