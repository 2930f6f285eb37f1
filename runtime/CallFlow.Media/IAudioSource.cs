namespace CallFlow.Media;

/// <summary>
/// Audio to send, already encoded in the session's G.711 law, read one frame at a time on the media clock's thread.
/// </summary>
/// <remarks>
/// <see cref="Read"/> runs inside the 20 ms tick that every call shares, so it must not block (no file or network
/// reads: load the audio before queuing it) and should not allocate.
/// </remarks>
public interface IAudioSource
{
    /// <summary>
    /// Copies the next bytes into <paramref name="destination"/> and returns how many; fewer than asked means the
    /// source ended within this frame, and 0 that it had already ended.
    /// </summary>
    int Read(Span<byte> destination);
}
