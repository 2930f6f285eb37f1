using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class MessageWaitingTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();

    public Task InitializeAsync() => _h.Store.EnsureMailboxAsync("Kim");

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_change_of_the_new_count_raises_an_event()
    {
        var first = await TestAudio.RecordAsync(_h.Store, "Kim", TestAudio.Seconds(1));
        var second = await TestAudio.RecordAsync(_h.Store, "Kim", TestAudio.Seconds(1));
        await _h.Store.MarkHeaderHeardAsync(first.Id);   // New 2→1, Unopened 0→1
        await _h.Store.MarkHeardAsync(first.Id);         // Unopened 1→0
        await _h.Store.MarkSavedAsync(first.Id);         // Old→Saved: no change to New or Unopened
        await _h.Store.MarkDeletedAsync(second.Id);      // New 1→0
        await _h.Store.UndeleteAsync(second.Id);         // New 0→1

        Assert.Equal(
            [(1, 0, 0, true), (2, 0, 0, true), (1, 1, 0, true), (1, 0, 1, true), (0, 0, 0, false), (1, 0, 0, true)],
            _h.Events.Select(e => (e.NewCount, e.Counts.Unopened, e.OldCount, e.MessagesWaiting)));
        Assert.All(_h.Events, e => Assert.Equal("Kim", e.Mailbox));
    }

    [Fact]
    public async Task Changes_that_leave_the_counts_alone_raise_nothing()
    {
        var m = await TestAudio.RecordAsync(_h.Store, "Kim", TestAudio.Seconds(1));
        await _h.Store.MarkHeardAsync(m.Id);
        _h.Events.Clear();
        await _h.Store.MarkHeardAsync(m.Id);
        await _h.Store.MarkSavedAsync(m.Id);
        await _h.Store.MarkDeletedAsync(m.Id);
        await _h.Store.PurgeMessageAsync(m.Id);
        await using (var discarded = await _h.Store.BeginRecordingAsync(new RecordingRequest("Kim") { MinimumLength = TimeSpan.FromSeconds(1) }))
            Assert.Null(await discarded.CommitAsync());
        Assert.Empty(_h.Events);
    }

    [Fact]
    public async Task A_failing_handler_does_not_undo_the_commit()
    {
        _h.Store.MessageWaitingChanged += (_, _) => throw new InvalidOperationException("lamp server down");
        var m = await TestAudio.RecordAsync(_h.Store, "Kim", TestAudio.Seconds(1));
        Assert.NotNull(await _h.Store.GetMessageAsync(m.Id));
        Assert.Contains(_h.LogLines, line => line.Contains("lamp server down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_commits_end_on_the_true_count()
    {
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            await Task.Yield();
            await TestAudio.RecordAsync(_h.Store, "Kim", TestAudio.Pattern(100, i));
        }));
        Assert.Equal(30, _h.Events[^1].NewCount);
        Assert.Equal(_h.Events.Select(e => e.NewCount).Order(), _h.Events.Select(e => e.NewCount)); // never goes back
    }
}
