namespace CallFlow.Media;

/// <summary>What <see cref="JitterBuffer"/> did with a packet.</summary>
public enum JitterBufferInsert
{
    /// <summary>Stored for playout.</summary>
    Accepted,

    /// <summary>The same sequence number is waiting or was played already: dropped.</summary>
    Duplicate,

    /// <summary>Its playout time has passed (it was concealed, or is far behind): dropped.</summary>
    Late,

    /// <summary>Empty, too big for a slot, or a sequence jump not yet confirmed by a second packet: dropped.</summary>
    Invalid,
}
