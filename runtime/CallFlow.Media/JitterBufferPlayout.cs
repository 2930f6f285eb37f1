namespace CallFlow.Media;

/// <summary>What <see cref="JitterBuffer.Playout"/> put in the frame.</summary>
public enum JitterBufferPlayout
{
    /// <summary>Nothing: the buffer is filling (before the first packets, or after it ran dry). The frame is untouched.</summary>
    None,

    /// <summary>Received audio, the end padded with silence if the stream ran dry within the frame.</summary>
    Audio,

    /// <summary>Silence only, standing in for a packet that had not arrived when its turn came.</summary>
    Concealed,
}
