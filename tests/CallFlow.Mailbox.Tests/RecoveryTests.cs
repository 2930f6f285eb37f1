using CallFlow.Mailbox.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox.Tests;

public sealed class RecoveryTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();

    public Task InitializeAsync() => _h.Store.EnsureMailboxAsync("Lee");

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public void A_fresh_store_has_nothing_to_recover()
    {
        Assert.True(_h.Store.Recovery.IsClean);
        Assert.Empty(_h.Reopen().Recovery.TemporaryFilesDeleted);
    }

    [Fact]
    public async Task Reopening_deletes_partial_and_orphan_files_and_rows_without_audio()
    {
        var kept = await TestAudio.RecordAsync(_h.Store, "Lee", TestAudio.Seconds(1, seed: 1));
        var lost = await TestAudio.RecordAsync(_h.Store, "Lee", TestAudio.Seconds(1, seed: 2));
        string mailboxDir;
        using (var playback = (await _h.Store.OpenPlaybackAsync(lost.Id))!)
            mailboxDir = Path.GetDirectoryName(playback.AudioPath)!;
        // An unfinished recording, as a crash leaves it.
        var inFlight = await _h.Store.BeginRecordingAsync(new RecordingRequest("Lee"));
        inFlight.Write(TestAudio.Seconds(1));
        _h.Store.Dispose();

        File.Delete(Path.Combine(mailboxDir, lost.Id + ".wav"));                      // a row whose audio vanished
        File.WriteAllBytes(Path.Combine(mailboxDir, "m0999.wav"), TestAudio.Pattern(80)); // renamed in, never committed
        File.WriteAllText(Path.Combine(mailboxDir, "notes.txt"), "stray");
        File.WriteAllText(Path.Combine(_h.MessagesDirectory, "stray.wav"), "stray");
        Directory.CreateDirectory(Path.Combine(_h.MessagesDirectory, "unknown~0123456789abcdef", "deeper"));
        File.WriteAllText(Path.Combine(_h.TmpDirectory, "greeting.part"), "partial");
        var outside = Path.Combine(_h.DataDirectory, "outside.txt");
        File.WriteAllText(outside, "must survive");
        File.CreateSymbolicLink(Path.Combine(_h.MessagesDirectory, "link"), _h.DataDirectory);

        var store = _h.Reopen();

        var report = store.Recovery;
        Assert.Equal(["tmp/greeting.part", $"tmp/{inFlight.MessageId}.wav.part"], report.TemporaryFilesDeleted.Select(Slash).Order(StringComparer.Ordinal));
        Assert.Equal(5, report.OrphanFilesDeleted.Count);
        Assert.Equal([lost.Id], report.MessagesWithoutAudioRemoved);
        Assert.Contains(_h.LogLines, line => line.Contains(lost.Id, StringComparison.Ordinal) && line.Contains("missing", StringComparison.Ordinal));

        Assert.Null(await store.GetMessageAsync(lost.Id));
        Assert.Equal(TestAudio.Seconds(1, seed: 1), await TestAudio.ReadAudioAsync(store, kept.Id));
        Assert.Equal([$"messages/{Path.GetFileName(mailboxDir)}/{kept.Id}.wav"], _h.AudioFiles());
        Assert.Equal([Path.GetFileName(mailboxDir)], Directory.GetFileSystemEntries(_h.MessagesDirectory).Select(Path.GetFileName));
        Assert.True(File.Exists(outside)); // the link was removed, never followed
        Assert.True(File.Exists(Path.Combine(_h.DataDirectory, "mailbox.db")));
        Assert.True(_h.Reopen().Recovery.IsClean);
        inFlight.Dispose();
    }

    [Fact]
    public void Only_one_store_may_open_a_data_directory()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SqliteMailboxStore.Open(_h.DataDirectory, _h.Options));
        Assert.Contains("already open", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        _h.Store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_h.DataDirectory, "mailbox.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidOperationException>(() => SqliteMailboxStore.Open(_h.DataDirectory, _h.Options));
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        // The refused open let go of the directory.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_h.DataDirectory, "mailbox.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 1";
            command.ExecuteNonQuery();
        }
        _h.Reopen();
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        await TestAudio.RecordAsync(_h.Store, "Lee", TestAudio.Seconds(1));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_h.DataDirectory, "mailbox.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    private static string Slash(string path) => path.Replace('\\', '/');
}
