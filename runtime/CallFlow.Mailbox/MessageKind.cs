namespace CallFlow.Mailbox;

/// <summary>
/// What put the audio in the mailbox. Recordings have their own housekeeping categories (reference §7.5, §9).
/// Stored in <c>mailbox.db</c>: never renumber.
/// </summary>
public enum MessageKind
{
    /// <summary>A message a caller left (Leave Mail, or a forward or broadcast copy of one).</summary>
    Message = 0,

    /// <summary>A call recording or a Listen recording placed in the mailbox.</summary>
    Recording = 1,
}
