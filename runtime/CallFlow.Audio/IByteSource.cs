namespace CallFlow.Audio;

/// <summary>
/// Forward-only reads for <see cref="WavReader"/>, so one parser serves spans and streams. Reads never go back, which
/// lets a non-seekable stream skip a chunk by reading past it.
/// </summary>
internal interface IByteSource
{
    /// <summary>Bytes from the start of the file, or null when a non-seekable stream cannot tell.</summary>
    long? Length { get; }

    /// <summary>
    /// Fills <paramref name="destination"/> from <paramref name="offset"/>; fewer bytes back means the input ended.
    /// Scoped so the parser may pass stack memory to a ref struct source.
    /// </summary>
    int ReadAt(long offset, scoped Span<byte> destination);
}
