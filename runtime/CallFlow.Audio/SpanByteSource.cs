namespace CallFlow.Audio;

/// <summary>A WAV file already in memory.</summary>
internal readonly ref struct SpanByteSource : IByteSource
{
    private readonly ReadOnlySpan<byte> _bytes;

    public SpanByteSource(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    public long? Length => _bytes.Length;

    public int ReadAt(long offset, scoped Span<byte> destination)
    {
        if (offset >= _bytes.Length)
            return 0;
        var available = _bytes[(int)offset..];
        var count = Math.Min(available.Length, destination.Length);
        available[..count].CopyTo(destination);
        return count;
    }
}
