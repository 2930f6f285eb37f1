using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox;

/// <summary>
/// The embedded mailbox store: one data directory holding <c>mailbox.db</c> (SQLite, WAL) for the metadata and
/// one 8 kHz µ-law WAV file per message. Layout, schema, write order and recovery: docs/mailbox-store.md.
/// </summary>
/// <remarks>
/// Only one store may have a data directory open at a time (an exclusive lock on <c>lock</c>), because opening
/// cleans up files that a live writer could still be using. Audio is written with no lock held; database writes
/// are short transactions taken one at a time, so many calls record at once without waiting for each other.
/// </remarks>
/// <example>
/// <code>
/// await using var store = SqliteMailboxStore.Open("/var/lib/callflow", new MailboxStoreOptions { MinimumMessageLength = TimeSpan.FromSeconds(3) });
/// await store.EnsureMailboxAsync("Sales");
/// </code>
/// </example>
public sealed partial class SqliteMailboxStore : IMailboxStore
{
    /// <summary>The metadata database inside the data directory.</summary>
    public const string DatabaseFileName = "mailbox.db";

    private const string LockFileName = "lock";

    private readonly MailboxStoreOptions _options;
    private readonly string _connectionString;
    private readonly FileStream _lockFile;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly PlaybackLeases _leases = new();
    private readonly SpaceReserve _reserve;
    private int _disposed;

    private SqliteMailboxStore(string dataDirectory, MailboxStoreOptions options, FileStream lockFile)
    {
        DataDirectory = dataDirectory;
        MessagesDirectory = Path.Combine(dataDirectory, "messages");
        TemporaryDirectory = Path.Combine(dataDirectory, "tmp");
        GreetingsDirectory = Path.Combine(dataDirectory, "greetings");
        _options = options;
        _lockFile = lockFile;
        _reserve = new SpaceReserve(Path.Combine(dataDirectory, ReserveFileName), options.SpaceReserveBytes);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, DatabaseFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>What opening the store cleaned up after the previous run.</summary>
    public RecoveryReport Recovery { get; private set; } = new([], [], []);

    internal string MessagesDirectory { get; }

    internal string TemporaryDirectory { get; }

    internal string GreetingsDirectory { get; }

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="dataDirectory"/>, then recovers from any crash of the
    /// previous run: partial recordings and orphan files are deleted, rows whose audio is missing are removed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another store (in this or another process) has the directory open.</exception>
    public static SqliteMailboxStore Open(string dataDirectory, MailboxStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        options ??= new MailboxStoreOptions();
        ArgumentNullException.ThrowIfNull(options.Clock, nameof(options.Clock));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CodeHashIterations, 1, nameof(options.CodeHashIterations));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFailedCodeAttempts, nameof(options.MaxFailedCodeAttempts));

        var root = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(root);
        FileStream lockFile;
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix); the OS drops it when the process dies.
            lockFile = new FileStream(Path.Combine(root, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"the mailbox store in '{root}' is already open", e);
        }

        var store = new SqliteMailboxStore(root, options, lockFile);
        try
        {
            Directory.CreateDirectory(store.MessagesDirectory);
            Directory.CreateDirectory(store.TemporaryDirectory);
            Directory.CreateDirectory(store.GreetingsDirectory);
            DurableFile.TrySyncDirectory(root);
            store.ReleaseReserveIfFullAtOpen();
            store.CreateSchema();
            store.Recovery = store.Recover();
            store.TakeReserveAtOpen();
            return store;
        }
        catch (Exception e) when (e is not StorageFullException && store.FreeBytes < MinimumRoomToOpen)
        {
            store.Dispose();
            throw new StorageFullException(root, e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _lockFile.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private DateTimeOffset Now => _options.Clock.GetUtcNow();

    private void Log(string line) => _options.Log?.Invoke(line);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>A pooled connection per operation. synchronous=FULL is per connection, so it is set every time.</summary>
    private SqliteConnection OpenConnection()
    {
        ThrowIfDisposed();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // FULL: in WAL mode every commit waits for the WAL to reach the disk, so a message reported committed
            // survives power loss. NORMAL would only risk the last commits on power loss, but those would then be
            // rows gone with their files already renamed in: orphans that recovery deletes, i.e. lost messages.
            Execute(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction, one at a time in this process (SQLite has a single
    /// writer anyway; queueing here beats spinning on SQLITE_BUSY). File work never happens inside.
    /// Message-waiting events go out after the commit, outside the gate.
    /// </summary>
    private async Task<T> WriteTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, MessageWaitingTracker, T> work, CancellationToken cancellationToken)
    {
        T result;
        IReadOnlyList<MessageWaitingChange> changes;
        for (var attempt = 0; ; attempt++)
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var connection = OpenConnection();
                using var transaction = connection.BeginTransaction(deferred: false);
                var tracker = new MessageWaitingTracker(connection, transaction);
                result = work(connection, transaction, tracker);
                changes = tracker.Collect(() => ++_eventSequence);
                transaction.Commit();
                break;
            }
            catch (Exception e) when (StorageErrors.IsFull(e) && e is not StorageFullException)
            {
                // Rolled back: a full disk gives up the space reserve, and the transaction is tried once more in the
                // room that made (docs/mailbox-store.md, "A full disk").
                if (attempt > 0 || !OnStorageFull(e))
                    throw new StorageFullException(DataDirectory, e);
            }
            finally
            {
                _writeGate.Release();
            }
        }
        Publish(changes);
        return result;
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    internal static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
