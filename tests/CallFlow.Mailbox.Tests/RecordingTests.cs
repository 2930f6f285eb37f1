using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class RecordingTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new(o => o with { MinimumMessageLength = TimeSpan.FromSeconds(3) });

    public Task InitializeAsync() => _h.Store.EnsureMailboxAsync("Carol");

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task A_committed_message_keeps_its_audio_and_metadata()
    {
        var audio = TestAudio.Seconds(4.5, seed: 3);
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Carol")
        {
            CallerNumber = "01632960123",
            CallerName = "Dave",
            Priority = true,
            Private = true,
        });
        await recording.WriteAsync(audio.AsMemory(0, 1000));
        recording.Write(audio.AsSpan(1000));
        Assert.Equal(TimeSpan.FromSeconds(4.5), recording.Duration);
        _h.Clock.Advance(TimeSpan.FromSeconds(5)); // received time is the start of the recording
        var m = await recording.CommitAsync();

        Assert.NotNull(m);
        var stored = await _h.Store.GetMessageAsync(m.Id);
        Assert.Equal(m, stored);
        Assert.Equal(new MessageInfo(recording.MessageId, "Carol", MessageKind.Message, MessageState.New, "01632960123", "Dave",
            FakeClock.Epoch, FakeClock.Epoch, TimeSpan.FromSeconds(4.5), Priority: true, Private: true, ForwardedFrom: null), stored);
        Assert.Equal(audio, await TestAudio.ReadAudioAsync(_h.Store, m.Id));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_h.TmpDirectory));
    }

    [Fact]
    public async Task A_message_shorter_than_the_minimum_is_discarded()
    {
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Carol"));
        recording.Write(TestAudio.Pattern(3 * 8000 - 1));
        Assert.Null(await recording.CommitAsync());
        Assert.Equal(MessageCounts.Empty, await _h.Store.GetCountsAsync("Carol"));
        Assert.Empty(_h.AudioFiles());
        Assert.Empty(_h.Events);
    }

    [Fact]
    public async Task A_message_of_exactly_the_minimum_is_kept()
    {
        Assert.NotNull(await TestAudio.RecordAsync(_h.Store, "Carol", TestAudio.Pattern(3 * 8000)));
    }

    [Fact]
    public async Task The_request_can_override_the_minimum()
    {
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Carol") { MinimumLength = TimeSpan.Zero });
        Assert.NotNull(await recording.CommitAsync()); // an empty message is allowed when the minimum is 0
    }

    [Fact]
    public async Task An_odd_length_gets_a_pad_byte_that_is_not_audio()
    {
        var audio = TestAudio.Pattern(3 * 8000 + 1, seed: 9);
        var m = await TestAudio.RecordAsync(_h.Store, "Carol", audio);
        Assert.Equal(audio, await TestAudio.ReadAudioAsync(_h.Store, m.Id)); // ReadWavData checks the pad byte too
    }

    [Fact]
    public async Task Aborting_or_disposing_deletes_the_temporary_file()
    {
        var aborted = await _h.Store.BeginRecordingAsync(new RecordingRequest("Carol"));
        aborted.Write(TestAudio.Seconds(4));
        Assert.Single(Directory.EnumerateFiles(_h.TmpDirectory));
        aborted.Abort();
        Assert.Empty(Directory.EnumerateFiles(_h.TmpDirectory));
        Assert.Throws<InvalidOperationException>(() => aborted.Write(TestAudio.Pattern(10)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => aborted.CommitAsync());

        await using (var disposed = await _h.Store.BeginRecordingAsync(new RecordingRequest("Carol")))
            disposed.Write(TestAudio.Seconds(4));
        Assert.Empty(Directory.EnumerateFiles(_h.TmpDirectory));
        Assert.Empty(_h.AudioFiles());
    }

    [Fact]
    public async Task A_recording_commits_once()
    {
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Carol"));
        recording.Write(TestAudio.Seconds(4));
        Assert.NotNull(await recording.CommitAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => recording.CommitAsync());
        Assert.Throws<InvalidOperationException>(() => recording.Write(TestAudio.Pattern(1)));
        recording.Abort(); // no effect after commit
        Assert.Equal(1, (await _h.Store.GetCountsAsync("Carol")).New);
    }

    [Fact]
    public async Task Recording_into_an_unknown_mailbox_throws_before_any_file_is_made()
    {
        var e = await Assert.ThrowsAsync<MailboxNotFoundException>(() => _h.Store.BeginRecordingAsync(new RecordingRequest("carol")));
        Assert.Equal("carol", e.Mailbox);
        Assert.Empty(Directory.EnumerateFiles(_h.TmpDirectory));
    }

    [Fact]
    public async Task A_bad_id_source_is_refused()
    {
        await using var h = new StoreHarness(o => o with { NewMessageId = () => "../escape" });
        await h.Store.EnsureMailboxAsync("Carol");
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Store.BeginRecordingAsync(new RecordingRequest("Carol")));
    }

    [Fact]
    public async Task Default_ids_are_unique_and_sort_by_time()
    {
        await using var h = new StoreHarness(o => o with { NewMessageId = null });
        await h.Store.EnsureMailboxAsync("Carol");
        var first = await TestAudio.RecordAsync(h.Store, "Carol", TestAudio.Seconds(1));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await TestAudio.RecordAsync(h.Store, "Carol", TestAudio.Seconds(1));
        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.True(string.CompareOrdinal(first.Id, second.Id) < 0);
    }

    [Fact]
    public async Task Fifty_recordings_at_once_all_arrive_intact()
    {
        await using var h = new StoreHarness(o => o with { NewMessageId = null });
        await h.Store.EnsureMailboxAsync("Carol");
        var recordings = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => h.Store.BeginRecordingAsync(new RecordingRequest("Carol") { CallerNumber = $"{i}" })));
        // Interleave the writes of every call, as 50 RTP streams would, then commit all at once.
        for (var chunk = 0; chunk < 10; chunk++)
        {
            await Task.WhenAll(recordings.Select(async (r, i) =>
            {
                await Task.Yield();
                await r.WriteAsync(TestAudio.Pattern(800 + i, seed: i).AsMemory(chunk * 80, 80));
            }));
        }
        await Task.WhenAll(recordings.Select(async (r, i) =>
        {
            await Task.Yield();
            r.Write(TestAudio.Pattern(800 + i, seed: i).AsSpan(800));
        }));
        var messages = await Task.WhenAll(recordings.Select(async r => { await Task.Yield(); return await r.CommitAsync(); }));

        Assert.Equal(50, messages.Select(m => m!.Id).Distinct().Count());
        Assert.Equal(50, (await h.Store.GetCountsAsync("Carol")).New);
        foreach (var m in messages)
        {
            var seed = int.Parse(m!.CallerNumber!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(TestAudio.Pattern(800 + seed, seed), await TestAudio.ReadAudioAsync(h.Store, m.Id));
        }
        Assert.Empty(Directory.EnumerateFiles(h.TmpDirectory));
        foreach (var r in recordings)
            await r.DisposeAsync();
    }
}
