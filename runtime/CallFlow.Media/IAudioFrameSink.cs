namespace CallFlow.Media;

/// <summary>
/// Where a session delivers received audio: one frame per media tick (160 bytes for 20 ms), in the session's law,
/// in sequence order, with silence standing in for lost packets. Nothing is delivered while no audio arrives.
/// </summary>
/// <remarks>
/// <see cref="Write"/> runs on the media clock's thread inside the tick every call shares: it must not block or
/// allocate. A recorder appends to a buffer and writes full buffers elsewhere (docs/media.md).
/// </remarks>
public interface IAudioFrameSink
{
    /// <summary>Takes one frame; the span is valid only during the call.</summary>
    void Write(ReadOnlySpan<byte> frame);
}
