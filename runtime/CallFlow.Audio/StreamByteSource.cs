namespace CallFlow.Audio;

/// <summary>A WAV file read from a stream's current position; offsets count from there.</summary>
internal sealed class StreamByteSource : IByteSource
{
    private readonly Stream _stream;
    private long _position;

    public StreamByteSource(Stream stream)
    {
        _stream = stream;
        Length = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
    }

    public long? Length { get; }

    public int ReadAt(long offset, scoped Span<byte> destination)
    {
        if (offset > _position && !Skip(offset - _position))
            return 0;
        var count = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        _position += count;
        return count;
    }

    private bool Skip(long count)
    {
        if (_stream.CanSeek)
        {
            if (_position + count > Length)
                return false;
            _stream.Seek(count, SeekOrigin.Current);
            _position += count;
            return true;
        }
        // A non-seekable stream skips a chunk by reading it into a fixed scratch buffer: no allocation sized by the file.
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var read = _stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
            if (read == 0)
                return false;
            _position += read;
            count -= read;
        }
        return true;
    }
}
