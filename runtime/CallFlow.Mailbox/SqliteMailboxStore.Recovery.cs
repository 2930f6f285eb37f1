namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <summary>
    /// Runs once at open, before anything else can touch the directory (the lock file guarantees that):
    /// <list type="number">
    /// <item><c>tmp/</c> is emptied: those are recordings or copies a crash cut off.</item>
    /// <item>Under <c>messages/</c>, everything that is not the file of a row is deleted: files renamed in before a
    /// crash stopped their commit, files of rows deleted before a crash stopped the file deletion, stray entries.</item>
    /// <item>Rows whose file is missing are removed, with a logged reason: a message that cannot be played would
    /// only confuse the caller. The write order makes this impossible short of outside interference.</item>
    /// </list>
    /// </summary>
    private RecoveryReport Recover()
    {
        var temporary = new List<string>();
        foreach (var entry in new DirectoryInfo(TemporaryDirectory).EnumerateFileSystemInfos())
        {
            RemoveEntry(entry);
            temporary.Add(Relative(entry.FullName));
            Log($"recovery: deleted partial file {Relative(entry.FullName)}");
        }

        var mailboxDirs = new HashSet<string>(StringComparer.Ordinal);
        var expected = new Dictionary<string, (string Id, bool Seen)>(StringComparer.Ordinal); // relative path → row
        using (var connection = OpenConnection())
        {
            using (var dirs = Command(connection, null, "SELECT dir_name FROM mailboxes"))
            using (var reader = dirs.ExecuteReader())
            {
                while (reader.Read())
                    mailboxDirs.Add(reader.GetString(0));
            }
            using (var rows = Command(connection, null, "SELECT m.id, b.dir_name FROM messages m JOIN mailboxes b ON b.name = m.mailbox"))
            using (var reader = rows.ExecuteReader())
            {
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    expected[Relative(MessagePath(reader.GetString(1), id))] = (id, false);
                }
            }
        }

        var orphans = new List<string>();
        foreach (var top in new DirectoryInfo(MessagesDirectory).EnumerateFileSystemInfos())
        {
            var isMailboxDir = top is DirectoryInfo && top.LinkTarget is null && mailboxDirs.Contains(top.Name);
            var entries = isMailboxDir ? ((DirectoryInfo)top).EnumerateFileSystemInfos().ToList() : [top];
            foreach (var entry in entries)
            {
                var relative = Relative(entry.FullName);
                if (entry is FileInfo && entry.LinkTarget is null && expected.TryGetValue(relative, out var row))
                {
                    expected[relative] = row with { Seen = true };
                    continue;
                }
                RemoveEntry(entry);
                orphans.Add(relative);
                Log($"recovery: deleted {relative}, which no message row refers to");
            }
        }

        var missing = expected.Where(pair => !pair.Value.Seen).Select(pair => (Path: pair.Key, pair.Value.Id)).ToList();
        if (missing.Count > 0)
        {
            using var connection = OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var (path, id) in missing)
            {
                Execute(connection, transaction, "DELETE FROM messages WHERE id = $id", ("$id", id));
                Log($"recovery: removed message {id}: its audio file {path} is missing");
            }
            transaction.Commit();
        }
        return new RecoveryReport(temporary, orphans, missing.Select(m => m.Id).ToList());
    }

    private string Relative(string fullPath) => Path.GetRelativePath(DataDirectory, fullPath);

    /// <summary>Deletes a file, a link (never what it points to), or a real directory with its contents.</summary>
    private static void RemoveEntry(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo directory && entry.LinkTarget is null)
            directory.Delete(recursive: true);
        else
            entry.Delete();
    }
}
