using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class MessageStateTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();
    private MessageInfo _message = null!;

    public async Task InitializeAsync()
    {
        await _h.Store.EnsureMailboxAsync("Alice");
        _message = await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1));
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public void A_committed_message_is_new()
    {
        Assert.Equal(MessageState.New, _message.State);
        Assert.Equal(MessageCategory.New, _message.Category);
        Assert.Equal(FakeClock.Epoch, _message.ReceivedUtc);
    }

    [Fact]
    public async Task Hearing_the_header_makes_a_new_message_unopened()
    {
        var m = await _h.Store.MarkHeaderHeardAsync(_message.Id);
        Assert.Equal(MessageState.Unopened, m!.State);
        Assert.Equal(_h.Clock.Now, m.StateChangedUtc);
        Assert.Equal(MessageState.Unopened, (await _h.Store.GetMessageAsync(_message.Id))!.State);
    }

    [Fact]
    public async Task Hearing_the_content_makes_new_and_unopened_messages_old()
    {
        Assert.Equal(MessageState.Old, (await _h.Store.MarkHeardAsync(_message.Id))!.State);
        var second = await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1));
        await _h.Store.MarkHeaderHeardAsync(second.Id);
        Assert.Equal(MessageState.Old, (await _h.Store.MarkHeardAsync(second.Id))!.State);
    }

    [Fact]
    public async Task Hearing_the_header_again_does_not_make_an_old_message_unopened()
    {
        await _h.Store.MarkHeardAsync(_message.Id);
        Assert.Equal(MessageState.Old, (await _h.Store.MarkHeaderHeardAsync(_message.Id))!.State);
    }

    [Theory]
    [InlineData(MessageState.New)]
    [InlineData(MessageState.Unopened)]
    [InlineData(MessageState.Old)]
    public async Task Saving_works_from_every_live_state(MessageState from)
    {
        await MoveTo(from);
        var saved = await _h.Store.MarkSavedAsync(_message.Id);
        Assert.Equal(MessageState.Saved, saved!.State);
        Assert.Equal(MessageState.Saved, (await _h.Store.MarkHeardAsync(_message.Id))!.State);
    }

    [Theory]
    [InlineData(MessageState.New)]
    [InlineData(MessageState.Unopened)]
    [InlineData(MessageState.Old)]
    [InlineData(MessageState.Saved)]
    public async Task Undelete_restores_the_state_before_deletion(MessageState from)
    {
        await MoveTo(from);
        var deleted = await _h.Store.MarkDeletedAsync(_message.Id);
        Assert.Equal(MessageState.Deleted, deleted!.State);
        Assert.Equal(MessageCategory.Deleted, deleted.Category);
        Assert.Equal(MessageState.Deleted, (await _h.Store.MarkSavedAsync(_message.Id))!.State);
        Assert.Equal(MessageState.Deleted, (await _h.Store.MarkHeardAsync(_message.Id))!.State);

        var restored = await _h.Store.UndeleteAsync(_message.Id);
        Assert.Equal(from, restored!.State);
    }

    [Fact]
    public async Task A_deleted_message_keeps_its_audio_until_purged()
    {
        await _h.Store.MarkDeletedAsync(_message.Id);
        Assert.Equal(TestAudio.Seconds(1), await TestAudio.ReadAudioAsync(_h.Store, _message.Id));
        Assert.True(await _h.Store.PurgeMessageAsync(_message.Id));
        Assert.Null(await _h.Store.GetMessageAsync(_message.Id));
        Assert.Empty(_h.AudioFiles());
        Assert.False(await _h.Store.PurgeMessageAsync(_message.Id));
    }

    [Fact]
    public async Task Counts_follow_the_states()
    {
        var second = await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1));
        var third = await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1));
        var fourth = await TestAudio.RecordAsync(_h.Store, "Alice", TestAudio.Seconds(1));
        await _h.Store.MarkHeaderHeardAsync(second.Id);
        await _h.Store.MarkHeardAsync(third.Id);
        await _h.Store.MarkSavedAsync(fourth.Id);
        Assert.Equal(new MessageCounts(New: 1, Unopened: 1, Old: 1, Saved: 1, Deleted: 0), await _h.Store.GetCountsAsync("Alice"));
        await _h.Store.MarkDeletedAsync(fourth.Id);
        Assert.Equal(new MessageCounts(1, 1, 1, 0, 1), await _h.Store.GetCountsAsync("Alice"));
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_give_null()
    {
        Assert.Null(await _h.Store.MarkHeardAsync("nope"));
        Assert.Null(await _h.Store.MarkSavedAsync("../../etc/passwd"));
        Assert.Null(await _h.Store.GetMessageAsync(""));
        Assert.Null(await _h.Store.OpenPlaybackAsync("a/b"));
    }

    [Fact]
    public async Task Changing_to_the_same_state_keeps_the_state_time()
    {
        await _h.Store.MarkSavedAsync(_message.Id);
        var savedAt = _h.Clock.Now;
        _h.Clock.Advance(TimeSpan.FromHours(1));
        var again = await _h.Store.MarkSavedAsync(_message.Id);
        Assert.Equal(savedAt, again!.StateChangedUtc);
    }

    [Fact]
    public async Task Recordings_have_their_own_categories()
    {
        await using var recording = await _h.Store.BeginRecordingAsync(new RecordingRequest("Alice") { Kind = MessageKind.Recording });
        recording.Write(TestAudio.Seconds(1));
        var m = (await recording.CommitAsync())!;
        Assert.Equal(MessageCategory.NewRecording, m.Category);
        Assert.Equal(MessageCategory.NewRecording, (await _h.Store.MarkHeaderHeardAsync(m.Id))!.Category);
        Assert.Equal(MessageCategory.OldRecording, (await _h.Store.MarkHeardAsync(m.Id))!.Category);
        Assert.Equal(MessageCategory.Saved, (await _h.Store.MarkSavedAsync(m.Id))!.Category);
    }

    private async Task MoveTo(MessageState state)
    {
        switch (state)
        {
            case MessageState.Unopened: await _h.Store.MarkHeaderHeardAsync(_message.Id); break;
            case MessageState.Old: await _h.Store.MarkHeardAsync(_message.Id); break;
            case MessageState.Saved: await _h.Store.MarkSavedAsync(_message.Id); break;
        }
        Assert.Equal(state, (await _h.Store.GetMessageAsync(_message.Id))!.State);
    }
}
