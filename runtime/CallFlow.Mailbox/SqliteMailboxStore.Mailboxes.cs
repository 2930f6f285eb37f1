using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    private const string MailboxColumns = "name, kind, created_ms, code_hash IS NOT NULL, failed_code_attempts, locked_until_ms";

    /// <inheritdoc />
    public async Task<MailboxInfo> EnsureMailboxAsync(string name, MailboxKind kind = MailboxKind.User, CancellationToken cancellationToken = default)
    {
        var mailbox = MailboxName.Normalize(name);
        var existing = await GetMailboxAsync(mailbox, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.Kind == kind)
            return existing;

        var dirName = await WriteTransactionAsync((connection, transaction, _) =>
        {
            using (var find = Command(connection, transaction, "SELECT dir_name FROM mailboxes WHERE name = $name", ("$name", mailbox)))
            {
                if (find.ExecuteScalar() is string known)
                {
                    Execute(connection, transaction, "UPDATE mailboxes SET kind = $kind WHERE name = $name", ("$kind", (int)kind), ("$name", mailbox));
                    return known;
                }
            }
            // 16 hex digits of SHA-256 make a clash practically impossible; if one happens, take the whole hash.
            var dir = SafeFileName.ForMailbox(mailbox);
            using (var taken = Command(connection, transaction, "SELECT 1 FROM mailboxes WHERE dir_name = $dir", ("$dir", dir)))
            {
                if (taken.ExecuteScalar() is not null)
                    dir = SafeFileName.ForMailbox(mailbox, hashHexDigits: 64);
            }
            Execute(connection, transaction,
                "INSERT INTO mailboxes (name, kind, dir_name, created_ms) VALUES ($name, $kind, $dir, $now)",
                ("$name", mailbox), ("$kind", (int)kind), ("$dir", dir), ("$now", ToMs(Now)));
            return dir;
        }, cancellationToken).ConfigureAwait(false);

        CreateMailboxDirectory(dirName);
        return (await GetMailboxAsync(mailbox, cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<MailboxInfo?> GetMailboxAsync(string name, CancellationToken cancellationToken = default)
    {
        var mailbox = MailboxName.Normalize(name);
        using var connection = OpenConnection();
        using var command = Command(connection, null, $"SELECT {MailboxColumns} FROM mailboxes WHERE name = $name", ("$name", mailbox));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return reader.Read() ? ReadMailbox(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MailboxInfo>> ListMailboxesAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, $"SELECT {MailboxColumns} FROM mailboxes ORDER BY name");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<MailboxInfo>();
        while (reader.Read())
            list.Add(ReadMailbox(reader));
        return list;
    }

    /// <inheritdoc />
    public async Task<MessageCounts> GetCountsAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var name = MailboxName.Normalize(mailbox);
        _ = await RequireMailboxDirectoryAsync(name, cancellationToken).ConfigureAwait(false);
        using var connection = OpenConnection();
        return ReadCounts(connection, null, name);
    }

    internal static MessageCounts ReadCounts(SqliteConnection connection, SqliteTransaction? transaction, string mailbox)
    {
        using var command = Command(connection, transaction,
            "SELECT state, COUNT(*) FROM messages WHERE mailbox = $mailbox GROUP BY state", ("$mailbox", mailbox));
        using var reader = command.ExecuteReader();
        var counts = new int[5];
        while (reader.Read())
        {
            var state = reader.GetInt32(0);
            if (state is >= 0 and < 5)
                counts[state] = reader.GetInt32(1);
        }
        return new MessageCounts(
            New: counts[(int)MessageState.New],
            Unopened: counts[(int)MessageState.Unopened],
            Old: counts[(int)MessageState.Old],
            Saved: counts[(int)MessageState.Saved],
            Deleted: counts[(int)MessageState.Deleted]);
    }

    /// <summary>The directory name of a mailbox, or a <see cref="MailboxNotFoundException"/>.</summary>
    private async Task<string> RequireMailboxDirectoryAsync(string mailbox, CancellationToken cancellationToken)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, "SELECT dir_name FROM mailboxes WHERE name = $name", ("$name", mailbox));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
            ?? throw new MailboxNotFoundException(mailbox);
    }

    private static MailboxInfo ReadMailbox(SqliteDataReader reader) => new(
        Name: reader.GetString(0),
        Kind: (MailboxKind)reader.GetInt32(1),
        CreatedUtc: FromMs(reader.GetInt64(2)),
        HasCode: reader.GetBoolean(3),
        FailedCodeAttempts: reader.GetInt32(4),
        LockedUntilUtc: reader.IsDBNull(5) ? null : FromMs(reader.GetInt64(5)));

    /// <summary>
    /// The one place a mailbox's directory is turned into a path. The name came from <see cref="SafeFileName"/>, but
    /// the database could have been edited by hand, so it is checked again: one plain segment under the parent.
    /// </summary>
    private static string UnderParent(string parent, string segment)
    {
        if (!SafeFileName.IsSafeSegment(segment))
            throw new InvalidOperationException($"mailbox.db holds the unsafe directory name '{segment}'");
        var path = Path.GetFullPath(Path.Combine(parent, segment));
        if (!string.Equals(Path.GetDirectoryName(path), parent, StringComparison.Ordinal))
            throw new InvalidOperationException($"directory name '{segment}' leaves '{parent}'");
        return path;
    }

    private string MailboxMessagesDirectory(string dirName) => UnderParent(MessagesDirectory, dirName);

    private string MessagePath(string dirName, string messageId) =>
        Path.Combine(MailboxMessagesDirectory(dirName), MessageIds.Require(messageId, "mailbox.db") + ".wav");

    private void CreateMailboxDirectory(string dirName)
    {
        var dir = MailboxMessagesDirectory(dirName);
        if (Directory.Exists(dir))
            return;
        Directory.CreateDirectory(dir);
        DurableFile.TrySyncDirectory(MessagesDirectory);
    }
}
