namespace CallFlow.Mailbox.CrashChild;

/// <summary>
/// The audio the crash child records, so the test can check every byte after the kill. Recording <c>seed</c> is
/// <see cref="LengthFor"/> bytes long (odd lengths included, to cover the WAV pad byte) and written in 20 ms chunks
/// with a pause after each, so the 50 recordings commit spread over several seconds.
/// </summary>
public static class AudioPattern
{
    public const string Mailbox = "Crash Test";
    public const int ChunkBytes = 160;
    public static readonly TimeSpan ChunkPause = TimeSpan.FromMilliseconds(10);

    public static int LengthFor(int seed) => ChunkBytes * (20 + seed * 10) + seed % 7;

    public static byte ByteAt(int seed, long offset) => (byte)((offset * 31 + seed * 17 + (offset >> 8)) & 0xFF);

    public static void Fill(int seed, long offset, Span<byte> target)
    {
        for (var i = 0; i < target.Length; i++)
            target[i] = ByteAt(seed, offset + i);
    }
}
