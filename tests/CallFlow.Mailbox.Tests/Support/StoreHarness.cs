namespace CallFlow.Mailbox.Tests.Support;

/// <summary>
/// A store in a temp directory with a fake clock and sequential message ids (m0001, m0002 …), recording every
/// message-waiting event. <see cref="ReopenAsync"/> closes and opens it again on the same directory.
/// </summary>
public sealed class StoreHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private int _nextId;

    public StoreHarness(Func<MailboxStoreOptions, MailboxStoreOptions>? configure = null)
    {
        Options = new MailboxStoreOptions
        {
            Clock = Clock,
            NewMessageId = () => $"m{Interlocked.Increment(ref _nextId):D4}",
            CodeHashIterations = 1_000,
            Log = line => { lock (LogLines) LogLines.Add(line); },
        };
        if (configure is not null)
            Options = configure(Options);
        Store = Open();
    }

    public FakeClock Clock { get; } = new();

    public MailboxStoreOptions Options { get; }

    public SqliteMailboxStore Store { get; private set; }

    public string DataDirectory => _directory.Path;

    public List<MessageWaitingChangedEventArgs> Events { get; } = [];

    public List<string> LogLines { get; } = [];

    public string MessagesDirectory => Path.Combine(DataDirectory, "messages");

    public string TmpDirectory => Path.Combine(DataDirectory, "tmp");

    public SqliteMailboxStore Reopen()
    {
        Store.Dispose();
        Store = Open();
        return Store;
    }

    /// <summary>Every file under the data directory except the database, the lock and the WAL files.</summary>
    public IReadOnlyList<string> AudioFiles() =>
        Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(DataDirectory, path).Replace('\\', '/'))
            .Where(path => path.Contains('/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }

    private SqliteMailboxStore Open()
    {
        var store = SqliteMailboxStore.Open(DataDirectory, Options);
        store.MessageWaitingChanged += (_, e) => { lock (Events) Events.Add(e); };
        return store;
    }
}
