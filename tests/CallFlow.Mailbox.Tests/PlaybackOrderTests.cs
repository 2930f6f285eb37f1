using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class PlaybackOrderTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();
    private readonly List<string> _ids = [];

    public async Task InitializeAsync()
    {
        await _h.Store.EnsureMailboxAsync("Bob");
        for (var i = 0; i < 4; i++)
        {
            _ids.Add((await TestAudio.RecordAsync(_h.Store, "Bob", TestAudio.Seconds(0.5, i))).Id);
            if (i != 1)
                _h.Clock.Advance(TimeSpan.FromMinutes(1)); // messages 1 and 2 share a received time
        }
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task Fifo_plays_the_oldest_first_with_arrival_breaking_ties()
    {
        var list = await _h.Store.ListMessagesAsync("Bob", MessageState.New, PlaybackOrder.Fifo);
        Assert.Equal(_ids, list.Select(m => m.Id));
    }

    [Fact]
    public async Task Lifo_plays_the_newest_first()
    {
        var list = await _h.Store.ListMessagesAsync("Bob", MessageState.New, PlaybackOrder.Lifo);
        Assert.Equal(Enumerable.Reverse(_ids), list.Select(m => m.Id));
    }

    [Fact]
    public async Task Fifo_is_the_default_and_lists_only_the_state_asked_for()
    {
        await _h.Store.MarkSavedAsync(_ids[0]);
        await _h.Store.MarkSavedAsync(_ids[3]);
        Assert.Equal([_ids[1], _ids[2]], (await _h.Store.ListMessagesAsync("Bob", MessageState.New)).Select(m => m.Id));
        Assert.Equal([_ids[0], _ids[3]], (await _h.Store.ListMessagesAsync("Bob", MessageState.Saved)).Select(m => m.Id));
        Assert.Empty(await _h.Store.ListMessagesAsync("Bob", MessageState.Old));
    }

    [Fact]
    public async Task Listing_an_unknown_mailbox_throws()
    {
        await Assert.ThrowsAsync<MailboxNotFoundException>(() => _h.Store.ListMessagesAsync("bob", MessageState.New));
    }
}
