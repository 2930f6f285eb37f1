namespace CallFlow.Audio.Tests;

/// <summary>A read-only or write-only stream that cannot seek, like a socket or an HTTP body.</summary>
internal sealed class ForwardOnlyStream(byte[]? content = null) : Stream
{
    private readonly MemoryStream _inner = content is null ? new MemoryStream() : new MemoryStream(content);

    public byte[] Written => _inner.ToArray();

    public override bool CanRead => content is not null;
    public override bool CanSeek => false;
    public override bool CanWrite => content is null;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        CanRead ? _inner.Read(buffer, offset, Math.Min(count, 7)) : throw new NotSupportedException(); // short reads on purpose

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!CanWrite)
            throw new NotSupportedException();
        _inner.Write(buffer, offset, count);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
