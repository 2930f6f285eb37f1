namespace CallFlow.Mailbox;

/// <summary>
/// A file of zeros the store keeps in its data directory so that, when the file system fills up, it can give the
/// space back and still finish what is under way: the recordings being made are cut short but committed (sealing
/// the file and the row's insert need a little room), instead of lost with the caller told nothing. Written, not
/// merely sized, because a file only sized is sparse on most file systems and holds no space at all.
/// </summary>
internal sealed class SpaceReserve(string path, long bytes)
{
    private readonly Lock _lock = new();

    public string Path { get; } = path;

    public long Bytes { get; } = bytes;

    /// <summary>Whether the reserve's space is held now.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_lock)
                return Bytes > 0 && File.Exists(Path) && new FileInfo(Path).Length == Bytes;
        }
    }

    /// <summary>Writes the reserve if it is not there whole; false when the file system has no room for it.</summary>
    public bool TryTake()
    {
        if (Bytes <= 0)
            return true;
        lock (_lock)
        {
            if (File.Exists(Path) && new FileInfo(Path).Length == Bytes)
                return true;
            try
            {
                using (var file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    var zeros = new byte[64 * 1024];
                    for (var left = Bytes; left > 0; left -= zeros.Length)
                        file.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
                    file.Flush(flushToDisk: true);
                }
                return true;
            }
            catch (Exception e) when (StorageErrors.IsFull(e))
            {
                DurableFile.TryDelete(Path);
                return false;
            }
        }
    }

    /// <summary>Gives the space back; true if the reserve was held.</summary>
    public bool Release()
    {
        lock (_lock)
        {
            if (!File.Exists(Path))
                return false;
            DurableFile.TryDelete(Path);
            return true;
        }
    }
}
