namespace CallFlow.Media.Tests;

/// <summary>Keeps every frame a session delivers; safe to read from the test thread while the clock writes.</summary>
internal sealed class CapturingSink : IAudioFrameSink
{
    private readonly List<byte> _bytes = [];
    private int _frames;

    public int Frames => Volatile.Read(ref _frames);

    public void Write(ReadOnlySpan<byte> frame)
    {
        lock (_bytes)
            _bytes.AddRange(frame);
        Interlocked.Increment(ref _frames);
    }

    public byte[] ToArray()
    {
        lock (_bytes)
            return [.. _bytes];
    }

    public int Length
    {
        get
        {
            lock (_bytes)
                return _bytes.Count;
        }
    }
}
