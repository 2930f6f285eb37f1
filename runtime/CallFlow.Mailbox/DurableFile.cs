using System.Runtime.InteropServices;
using System.Text;

namespace CallFlow.Mailbox;

/// <summary>
/// File operations in the order that survives a crash: data flushed to disk (fsync) before the rename that
/// publishes it, and the directory flushed after the rename so the new name itself is on disk.
/// </summary>
internal static class DurableFile
{
    /// <summary>
    /// Flushes a directory's entries to disk (POSIX: open the directory, fsync, close). Windows has no such call
    /// and NTFS journals renames itself, so there it does nothing. Best effort: a file system that refuses fsync on a
    /// directory (some network mounts) is logged by the caller's choice, never fatal.
    /// </summary>
    public static bool TrySyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            return true;
        try
        {
            var path = Encoding.UTF8.GetBytes(directory + "\0");
            var fd = Open(path, 0 /* O_RDONLY */);
            if (fd < 0)
                return false;
            try
            {
                return Fsync(fd) == 0;
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="finalPath"/> through a file in <paramref name="tmpDirectory"/>:
    /// write, fsync, rename over the old file, fsync the directory. Readers see the old file or the new one, never a mix.
    /// </summary>
    public static void WriteAtomically(string tmpDirectory, string finalPath, ReadOnlySpan<byte> header, ReadOnlySpan<byte> content, bool padByte)
    {
        var tmp = Path.Combine(tmpDirectory, $"{Guid.NewGuid():N}.part");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(header);
                stream.Write(content);
                if (padByte)
                    stream.WriteByte(0);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, finalPath, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
        TrySyncDirectory(Path.GetDirectoryName(finalPath)!);
    }

    /// <summary>Deletes a file, ignoring "already gone"; other failures are returned, not thrown.</summary>
    public static Exception? TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    // DllImport rather than LibraryImport: the arguments are blittable (a pinned byte array and ints), so no
    // marshalling code is generated either way, and the project needs no AllowUnsafeBlocks.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
