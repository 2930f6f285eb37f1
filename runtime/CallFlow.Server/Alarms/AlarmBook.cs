using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CallFlow.Server.Alarms;

/// <summary>
/// The booked alarms, kept in <c>alarms.json</c> in the data directory so they outlive a restart. Every change is a
/// read-modify-write of the whole file under a lock (<c>alarms.lock</c>, an exclusive lock the server and
/// <c>vmc alarm</c> both take), written the way that survives a crash: a temporary file, fsync, rename over the old
/// one, fsync of the directory; readers see the old file or the new one, never a mix. A change made by another process
/// is seen by <see cref="Refresh"/> (the file's time stamp and length changed).
/// <para>
/// A file that cannot be read as an alarm book is never overwritten: opened with <c>setAside</c> (the server) it is
/// renamed <c>alarms.json.bad-&lt;UTC time&gt;</c>, reported, and the book goes on with what it last read (empty at
/// start-up); without it (the command line) <see cref="InvalidDataException"/> says what is wrong and nothing changes.
/// </para>
/// </summary>
public sealed class AlarmBook
{
    /// <summary>The book's file name in the data directory.</summary>
    public const string FileName = "alarms.json";

    private const string LockName = "alarms.lock";
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly string _directory;
    private readonly bool _setAside;
    private readonly Action<string> _problem;
    private readonly Lock _gate = new();
    private ImmutableArray<Alarm> _alarms = [];
    private int _nextId = 1;
    private (DateTime Written, long Length)? _stamp;

    private AlarmBook(string directory, bool setAside, Action<string>? problem)
    {
        _directory = directory;
        _setAside = setAside;
        _problem = problem ?? (_ => { });
    }

    /// <summary>
    /// Opens the book in <paramref name="directory"/> (a missing file is an empty book; nothing is created until the
    /// first change). With <paramref name="setAside"/> a bad file is moved aside and reported to
    /// <paramref name="problem"/>; without, <see cref="InvalidDataException"/> is thrown.
    /// </summary>
    public static AlarmBook Open(string directory, bool setAside, Action<string>? problem = null)
    {
        var book = new AlarmBook(directory, setAside, problem);
        lock (book._gate)
            book.Load(force: true, locked: false);
        return book;
    }

    /// <summary>The file (which may not exist yet).</summary>
    public string FilePath => Path.Combine(_directory, FileName);

    /// <summary>The alarms as last read or written, by id.</summary>
    public ImmutableArray<Alarm> Alarms
    {
        get
        {
            lock (_gate)
                return _alarms;
        }
    }

    /// <summary>Reads the file again if it changed since it was last read or written here; true when it did.</summary>
    public bool Refresh()
    {
        lock (_gate)
            return Load(force: false, locked: false);
    }

    /// <summary>Books <paramref name="draft"/> under the next free id; returns it as stored.</summary>
    public Alarm Add(Alarm draft)
    {
        Alarm? added = null;
        Change((alarms, nextId) =>
        {
            added = draft with { Id = nextId };
            return (alarms.Add(added), nextId + 1);
        });
        return added!;
    }

    /// <summary>Removes alarm <paramref name="id"/>; false when the book has none.</summary>
    public bool Remove(int id)
    {
        var found = false;
        Change((alarms, nextId) =>
        {
            found = alarms.Any(a => a.Id == id);
            return (alarms.RemoveAll(a => a.Id == id), nextId);
        });
        return found;
    }

    /// <summary>
    /// Replaces alarm <paramref name="id"/> with what <paramref name="change"/> makes of the stored one (null removes
    /// it); false, and nothing changes, when the book has no such alarm any more (an administrator removed it).
    /// </summary>
    public bool Update(int id, Func<Alarm, Alarm?> change)
    {
        var found = false;
        Change((alarms, nextId) =>
        {
            var index = -1;
            for (var i = 0; i < alarms.Length && index < 0; i++)
                index = alarms[i].Id == id ? i : -1;
            if (index < 0)
                return (alarms, nextId);
            found = true;
            return change(alarms[index]) is { } changed ? (alarms.SetItem(index, changed with { Id = id }), nextId) : (alarms.RemoveAt(index), nextId);
        });
        return found;
    }

    private void Change(Func<ImmutableArray<Alarm>, int, (ImmutableArray<Alarm> Alarms, int NextId)> change)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(_directory);
            using var fileLock = TakeLock();
            // What another process wrote since is the base of this change, never overwritten with an older copy.
            Load(force: true, locked: true);
            var (alarms, nextId) = change(_alarms, _nextId);
            if (alarms == _alarms && nextId == _nextId)
                return; // nothing changed: the file stays as it is
            WriteAtomically(AlarmJson.Write(alarms, nextId));
            _alarms = [.. alarms.OrderBy(a => a.Id)];
            _nextId = nextId;
            _stamp = Stamp();
        }
    }

    /// <summary>Reads the file when forced or when it changed; a bad file is set aside (or thrown, see the class).
    /// <paramref name="locked"/>: the caller holds the file lock.</summary>
    private bool Load(bool force, bool locked)
    {
        var stamp = Stamp();
        if (!force && stamp == _stamp)
            return false;
        if (Read() is not { } content)
        {
            _alarms = [];
            _stamp = null;
            return true;
        }
        try
        {
            var (alarms, nextId) = AlarmJson.Read(content);
            _alarms = [.. alarms.OrderBy(a => a.Id)];
            _nextId = nextId;
            _stamp = stamp;
            return true;
        }
        catch (InvalidDataException e) when (_setAside)
        {
            if (!locked)
            {
                // Set aside under the lock, and only if it is still the bad file (a writer may have replaced it).
                using var fileLock = TakeLock();
                return Load(force: true, locked: true);
            }
            SetAside(e);
            return true;
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{FilePath} is not a valid alarm book: {e.Message}", e);
        }
    }

    private byte[]? Read()
    {
        try
        {
            return File.ReadAllBytes(FilePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Renames the bad file out of the way (never deleted), reports it, and writes back what the book last
    /// read, so neither the bad file nor the alarms known before it are lost.</summary>
    private void SetAside(InvalidDataException problem)
    {
        var aside = $"{FilePath}.bad-{DateTime.UtcNow.ToString("yyyyMMddTHHmmssfffZ", CultureInfo.InvariantCulture)}";
        File.Move(FilePath, aside);
        var kept = _alarms.Length;
        _problem($"{FilePath} is not a valid alarm book ({problem.Message}); it was moved to {Path.GetFileName(aside)} and is kept there; " +
            $"the book goes on with the {kept.ToString(CultureInfo.InvariantCulture)} alarm(s) it last read");
        _stamp = null;
        if (kept > 0)
        {
            WriteAtomically(AlarmJson.Write(_alarms, _nextId));
            _stamp = Stamp();
        }
    }

    private (DateTime, long)? Stamp()
    {
        var info = new FileInfo(FilePath);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : null;
    }

    /// <summary>The lock every writer of the book takes (on Unix an exclusive flock, which .NET takes for
    /// <see cref="FileShare.None"/>); retried for 10 s.</summary>
    private FileStream TakeLock()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(_directory, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                Thread.Sleep(20);
            }
        }
    }

    private void WriteAtomically(byte[] content)
    {
        var tmp = Path.Combine(_directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, FilePath, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(tmp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
            throw;
        }
        SyncDirectory(_directory);
    }

    /// <summary>fsync of the directory, so the rename itself is on disk (as the mailbox store's DurableFile does);
    /// best effort, nothing on Windows, where NTFS journals renames.</summary>
    private static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            var fd = Open(Encoding.UTF8.GetBytes(directory + "\0"), 0 /* O_RDONLY */);
            if (fd < 0)
                return;
            _ = Fsync(fd);
            _ = Close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
