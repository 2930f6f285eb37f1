using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class CopyAndBroadcastTests : IAsyncLifetime
{
    private static readonly string[] Members = ["Gina", "Hank", "Ivy"];
    private readonly StoreHarness _h = new();
    private readonly byte[] _audio = TestAudio.Seconds(2, seed: 5);
    private MessageInfo _groupMessage = null!;

    public async Task InitializeAsync()
    {
        await _h.Store.EnsureMailboxAsync("Support", MailboxKind.HuntGroup);
        foreach (var member in Members)
            await _h.Store.EnsureMailboxAsync(member);
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Support") { CallerNumber = "555", Priority = true });
        recording.Write(_audio);
        _groupMessage = (await recording.CommitAsync())!;
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        _h.Events.Clear();
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task Broadcast_copies_the_message_to_every_member_and_removes_the_original()
    {
        var copies = await _h.Store.BroadcastAsync(_groupMessage.Id, ["Gina", "Hank", "Ivy", "Hank ", "Support"]);

        Assert.Equal(Members, copies.Select(c => c.Mailbox));
        Assert.Equal(3, copies.Select(c => c.Id).Distinct().Count());
        foreach (var copy in copies)
        {
            Assert.Equal(copy, await _h.Store.GetMessageAsync(copy.Id));
            Assert.Equal((MessageState.New, "Support", "555", true, _groupMessage.Duration, _h.Clock.Now),
                (copy.State, copy.ForwardedFrom, copy.CallerNumber, copy.Priority, copy.Duration, copy.ReceivedUtc));
            Assert.Equal(_audio, await TestAudio.ReadAudioAsync(_h.Store, copy.Id));
        }
        Assert.Null(await _h.Store.GetMessageAsync(_groupMessage.Id));
        Assert.Equal(3, _h.AudioFiles().Count);
        Assert.Equal(MessageCounts.Empty, await _h.Store.GetCountsAsync("Support"));
        Assert.Equal(["Gina", "Hank", "Ivy", "Support"], _h.Events.Select(e => e.Mailbox).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_no_members_left_the_original_stays()
    {
        Assert.Empty(await _h.Store.BroadcastAsync(_groupMessage.Id, ["Support"]));
        Assert.Empty(await _h.Store.BroadcastAsync(_groupMessage.Id, []));
        Assert.NotNull(await _h.Store.GetMessageAsync(_groupMessage.Id));
        Assert.Single(_h.AudioFiles());
    }

    [Fact]
    public async Task An_unknown_member_changes_nothing()
    {
        await Assert.ThrowsAsync<MailboxNotFoundException>(() => _h.Store.BroadcastAsync(_groupMessage.Id, ["Gina", "Nobody"]));
        Assert.NotNull(await _h.Store.GetMessageAsync(_groupMessage.Id));
        Assert.Equal(MessageCounts.Empty, await _h.Store.GetCountsAsync("Gina"));
        Assert.Single(_h.AudioFiles());
        Assert.Empty(Directory.EnumerateFiles(_h.TmpDirectory));
    }

    [Fact]
    public async Task Broadcasting_a_gone_message_gives_nothing()
    {
        await _h.Store.PurgeMessageAsync(_groupMessage.Id);
        Assert.Empty(await _h.Store.BroadcastAsync(_groupMessage.Id, Members));
        Assert.Empty(_h.AudioFiles());
    }

    [Fact]
    public async Task Broadcast_while_someone_plays_the_original_keeps_its_file_until_they_stop()
    {
        var playback = (await _h.Store.OpenPlaybackAsync(_groupMessage.Id))!;
        await _h.Store.BroadcastAsync(_groupMessage.Id, Members);
        Assert.Equal(_audio, TestAudio.ReadWavData(playback.AudioPath));
        Assert.Null(await _h.Store.OpenPlaybackAsync(_groupMessage.Id));
        playback.Dispose();
        Assert.False(File.Exists(playback.AudioPath));
        Assert.Equal(3, _h.AudioFiles().Count);
    }

    [Fact]
    public async Task Copy_forwards_a_new_copy_and_leaves_the_source_alone()
    {
        await _h.Store.MarkSavedAsync(_groupMessage.Id);
        var copy = await _h.Store.CopyMessageAsync(_groupMessage.Id, "Ivy");

        Assert.NotNull(copy);
        Assert.NotEqual(_groupMessage.Id, copy.Id);
        Assert.Equal(("Ivy", MessageState.New, "Support", _h.Clock.Now), (copy.Mailbox, copy.State, copy.ForwardedFrom, copy.ReceivedUtc));
        Assert.Equal(_audio, await TestAudio.ReadAudioAsync(_h.Store, copy.Id));
        Assert.Equal(MessageState.Saved, (await _h.Store.GetMessageAsync(_groupMessage.Id))!.State);
        Assert.Equal(_audio, await TestAudio.ReadAudioAsync(_h.Store, _groupMessage.Id));
        Assert.Equal(2, _h.AudioFiles().Count);

        // The copy is a file of its own: removing the source does not touch it.
        await _h.Store.PurgeMessageAsync(_groupMessage.Id);
        Assert.Equal(_audio, await TestAudio.ReadAudioAsync(_h.Store, copy.Id));
    }

    [Fact]
    public async Task Copy_to_an_unknown_mailbox_throws_and_of_a_gone_message_gives_null()
    {
        await Assert.ThrowsAsync<MailboxNotFoundException>(() => _h.Store.CopyMessageAsync(_groupMessage.Id, "ivy"));
        Assert.Null(await _h.Store.CopyMessageAsync("m9999", "Ivy"));
        Assert.Single(_h.AudioFiles());
    }
}
