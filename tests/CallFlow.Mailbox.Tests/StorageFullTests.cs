using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

/// <summary>
/// A data directory whose file system fills up, for real (a small tmpfs): recordings under way are cut short and kept,
/// new ones are refused with <see cref="StorageFullException"/>, nothing stored before is touched, and once space is
/// freed the store takes messages again with its space reserve back.
/// </summary>
public sealed class StorageFullTests : IDisposable
{
    private const int ReserveBytes = 256 * 1024;
    private readonly SmallFileSystem _disk = new(kilobytes: 4096);
    private readonly List<string> _log = [];
    private int _nextId;

    public void Dispose() => _disk.Dispose();

    private SqliteMailboxStore Open() => SqliteMailboxStore.Open(Path.Combine(_disk.Path, "data"), new MailboxStoreOptions
    {
        NewMessageId = () => $"m{Interlocked.Increment(ref _nextId):D4}",
        CodeHashIterations = 1_000,
        SpaceReserveBytes = ReserveBytes,
        Log = line => { lock (_log) _log.Add(line); },
    });

    [Fact]
    public async Task Recordings_under_way_are_kept_new_ones_are_refused_and_freeing_space_ends_it()
    {
        var before = TestAudio.Seconds(2, seed: 1);
        MessageInfo stored;
        await using (var store = Open())
        {
            await store.EnsureMailboxAsync("Alice");
            stored = await TestAudio.RecordAsync(store, "Alice", before, caller: "201");
            Assert.True(new FileInfo(Path.Combine(_disk.Path, "data", "space-reserve")).Length == ReserveBytes);

            // Two callers are recording when the disk fills.
            var first = TestAudio.Seconds(3, seed: 2);
            var second = TestAudio.Seconds(3, seed: 3);
            await using var one = await store.BeginRecordingAsync(new RecordingRequest("Alice") { CallerNumber = "202" });
            await using var two = await store.BeginRecordingAsync(new RecordingRequest("Alice") { CallerNumber = "203" });
            one.Write(first.AsSpan(0, 8000));
            two.Write(second.AsSpan(0, 8000));
            _disk.Fill();

            // The next second of the first fails on the disk: that recording stops there, and the store gives up its
            // reserve. The second recording stops at its next write as well, so the reserve goes to the commits.
            one.Write(first.AsSpan(8000, 8000));
            Assert.True(one.IsCutShort);
            Assert.True(store.IsFull);
            two.Write(second.AsSpan(8000, 8000));
            Assert.True(two.IsCutShort);
            Assert.Contains(_log, line => line.Contains("gave up the 256 KB space reserve", StringComparison.Ordinal));

            var kept = await one.CommitAsync();
            Assert.NotNull(kept);
            Assert.Equal(first.AsSpan(0, 8000).ToArray(), await TestAudio.ReadAudioAsync(store, kept.Id));
            var alsoKept = await two.CommitAsync();
            Assert.NotNull(alsoKept);
            Assert.Equal(second.AsSpan(0, 8000).ToArray(), await TestAudio.ReadAudioAsync(store, alsoKept.Id));

            // Full: a new message is refused before anything is written, with the reason.
            var refused = await Assert.ThrowsAsync<StorageFullException>(() => store.BeginRecordingAsync(new RecordingRequest("Alice")));
            Assert.Contains("is full", refused.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_disk.Path, "data", "tmp")));

            // What was stored before the disk filled is untouched.
            Assert.Equal(before, await TestAudio.ReadAudioAsync(store, stored.Id));

            // Space freed: the next recording takes the reserve back first, and is kept whole.
            _disk.Free();
            var after = TestAudio.Seconds(1, seed: 4);
            var again = await TestAudio.RecordAsync(store, "Alice", after, caller: "204");
            Assert.False(store.IsFull);
            Assert.Equal(ReserveBytes, new FileInfo(Path.Combine(_disk.Path, "data", "space-reserve")).Length);
            Assert.Contains(_log, line => line.Contains("room again", StringComparison.Ordinal));
            Assert.Equal(after, await TestAudio.ReadAudioAsync(store, again.Id));
        }

        // And all four messages are there after a restart: nothing the store accepted was lost.
        await using (var reopened = Open())
        {
            var listed = await reopened.ListMessagesAsync("Alice", MessageState.New);
            Assert.Equal(["201", "202", "203", "204"], listed.Select(m => m.CallerNumber).Order(StringComparer.Ordinal));
            Assert.Equal(before, await TestAudio.ReadAudioAsync(reopened, stored.Id));
        }
    }

    [Fact]
    public async Task A_store_opened_on_a_disk_that_filled_meanwhile_gives_up_its_reserve_to_open_and_serves_what_it_has()
    {
        MessageInfo stored;
        var audio = TestAudio.Seconds(1, seed: 5);
        await using (var store = Open())
        {
            await store.EnsureMailboxAsync("Alice");
            stored = await TestAudio.RecordAsync(store, "Alice", audio);
        }
        _disk.Fill();

        await using (var store = Open())
        {
            Assert.True(store.IsFull);
            Assert.Contains(_log, line => line.Contains("gave up the space reserve so the store can open", StringComparison.Ordinal));
            await Assert.ThrowsAsync<StorageFullException>(() => store.BeginRecordingAsync(new RecordingRequest("Alice")));
            Assert.Equal(audio, await TestAudio.ReadAudioAsync(store, stored.Id));
        }

        // With no reserve left to give, a full disk cannot open the store, and the error says why.
        _disk.Fill();
        var error = Assert.Throws<StorageFullException>(() => Open());
        Assert.Contains("is full", error.Message, StringComparison.Ordinal);
    }
}
