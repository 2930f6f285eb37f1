using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox;

/// <summary>Tells a full file system apart from other I/O and database errors.</summary>
internal static class StorageErrors
{
    // On Unix an IOException's HResult is the errno; on Windows the Win32 error in an HRESULT.
    private const int Enospc = 28;                          // No space left on device
    private const int Edquot = 122;                         // Disk quota exceeded (Linux)
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int SqliteFull = 13;                      // SQLITE_FULL: the database or its journal could not grow

    /// <summary>Whether <paramref name="error"/> (or an error inside it) says the disk or the quota is full.</summary>
    public static bool IsFull(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is StorageFullException)
                return true;
            if (e is IOException { HResult: Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull })
                return true;
            if (e is SqliteException { SqliteErrorCode: SqliteFull })
                return true;
        }
        return false;
    }
}
