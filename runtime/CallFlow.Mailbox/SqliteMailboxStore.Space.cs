namespace CallFlow.Mailbox;

// A full disk (docs/mailbox-store.md, "A full disk"). The store holds a reserve of space. The first write that finds
// the file system full gives it up and puts the store in the full state: recordings in progress keep what they have
// (they are cut short, then committed into the freed room), database writes are tried once more, and no new recording
// is begun. The state ends when a new recording is asked for and the file system has room again for the reserve and
// more, which is taken back first.
public sealed partial class SqliteMailboxStore
{
    private const string ReserveFileName = "space-reserve";

    // SQLite in WAL mode creates its -wal and -shm files when the first connection opens: a file system without a
    // few pages free cannot open the store at all, and saying "full" is clearer than SQLite's "disk I/O error".
    private const long MinimumRoomToOpen = 64 * 1024;

    private volatile bool _full;

    /// <summary>
    /// True from the moment a write found the data directory's file system full until a new recording finds room
    /// again: meanwhile no new message is taken (<see cref="StorageFullException"/>).
    /// </summary>
    public bool IsFull => _full;

    /// <summary>Free bytes on the data directory's file system for this process (null where it cannot be read).</summary>
    public long? FreeBytes
    {
        get
        {
            try
            {
                return new DriveInfo(DataDirectory).AvailableFreeSpace;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The disk filled while the store was closed: give the reserve back before the database opens (it needs room for
    /// its journal files), and start in the full state.
    /// </summary>
    private void ReleaseReserveIfFullAtOpen()
    {
        if (FreeBytes is { } free && free < Math.Max(_reserve.Bytes, MinimumRoomToOpen) && _reserve.Release())
        {
            _full = true;
            Log($"storage full: {Kilobytes(free)} KB free in '{DataDirectory}' at open; gave up the space reserve so the store can open; no new message is taken until space is freed");
        }
    }

    /// <summary>Takes the reserve at open; a file system already too full for it starts the store in the full state.</summary>
    private void TakeReserveAtOpen()
    {
        if (!_full && !_reserve.TryTake())
        {
            _full = true;
            Log($"storage full: no room for the {Kilobytes(_reserve.Bytes)} KB space reserve in '{DataDirectory}'; no new message is taken until space is freed");
        }
    }

    /// <summary>
    /// A write found the file system full: give up the reserve (once) and enter the full state. Returns whether trying
    /// again can help, which it can when the reserve was given up just now or by another write meanwhile.
    /// </summary>
    internal bool OnStorageFull(Exception error)
    {
        var released = _reserve.Release();
        if (!_full || released)
        {
            _full = true;
            Log($"storage full in '{DataDirectory}' ({error.Message}): "
                + (released ? $"gave up the {Kilobytes(_reserve.Bytes)} KB space reserve so the recordings under way are kept; " : "")
                + "no new message is taken until space is freed");
        }
        return released || _reserve.Bytes > 0;
    }

    /// <summary>
    /// Before a new recording: in the full state, leave it once there is room for the reserve and as much again three
    /// times over (so the next message does not fill the disk at once), else refuse.
    /// </summary>
    private void RequireRoomForNewMessage()
    {
        if (!_full)
            return;
        var needed = Math.Max(4 * _reserve.Bytes, 1024 * 1024);
        if (FreeBytes is { } free && free >= needed && _reserve.TryTake())
        {
            _full = false;
            Log($"storage: room again in '{DataDirectory}' ({free / (1024 * 1024)} MB free); the space reserve is back and messages are taken");
            return;
        }
        throw new StorageFullException(DataDirectory);
    }

    /// <summary>Runs <paramref name="write"/>; if the file system is full, gives up the reserve and runs it once more.</summary>
    internal T RetryOnceWhenFull<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (StorageErrors.IsFull(e) && e is not StorageFullException)
        {
            if (!OnStorageFull(e))
                throw new StorageFullException(DataDirectory, e);
            try
            {
                return write();
            }
            catch (Exception again) when (StorageErrors.IsFull(again) && again is not StorageFullException)
            {
                throw new StorageFullException(DataDirectory, again);
            }
        }
    }

    private static long Kilobytes(long bytes) => bytes / 1024;
}
