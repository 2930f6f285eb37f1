namespace CallFlow.Mailbox;

/// <summary>Playback order within one category (reference §9: FIFO by default, or LIFO).</summary>
public enum PlaybackOrder
{
    /// <summary>Oldest first (by received time, then by arrival in the store).</summary>
    Fifo,

    /// <summary>Newest first.</summary>
    Lifo,
}
