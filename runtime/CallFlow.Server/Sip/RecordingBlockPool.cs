using System.Collections.Concurrent;

namespace CallFlow.Server.Sip;

/// <summary>
/// The one-second blocks recordings collect received audio in, shared by every call and allocated on the pinned heap.
/// A thousand recordings at once hold two or three blocks each, more than the shared array pool keeps (so it used to
/// allocate most of them anew for every call), and as ordinary arrays they were copied by every collection while the
/// calls lived. Here a block is allocated once, never moved, and goes back for the next call; at most
/// <see cref="MaxSpare"/> wait idle (a busy hour's peak), the rest are left to the collector.
/// </summary>
internal static class RecordingBlockPool
{
    /// <summary>Bytes per block: one second of 8 kHz G.711.</summary>
    public const int BlockBytes = 8000;

    /// <summary>Idle blocks kept at most: 32 MB, enough for the blocks of about 1,500 recordings at once.</summary>
    public const int MaxSpare = 4096;

    private static readonly ConcurrentQueue<byte[]> Spare = new();
    private static int _spareCount;

    public static byte[] Rent()
    {
        if (Spare.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _spareCount);
            return block;
        }
        return GC.AllocateUninitializedArray<byte>(BlockBytes, pinned: true);
    }

    public static void Return(byte[] block)
    {
        if (block.Length != BlockBytes)
            throw new ArgumentException("not a recording block", nameof(block));
        if (Interlocked.Increment(ref _spareCount) > MaxSpare)
        {
            Interlocked.Decrement(ref _spareCount);
            return;
        }
        Spare.Enqueue(block);
    }
}
