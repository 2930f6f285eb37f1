using CallFlow.Mailbox.Tests.Support;

namespace CallFlow.Mailbox.Tests;

public sealed class GreetingTests : IAsyncLifetime
{
    private readonly StoreHarness _h = new();

    public Task InitializeAsync() => _h.Store.EnsureMailboxAsync("Max");

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    [Fact]
    public async Task A_greeting_is_stored_replaced_and_deleted_per_slot()
    {
        Assert.Null(await _h.Store.GetGreetingPathAsync("Max", GreetingSlots.Standard));
        await _h.Store.SaveGreetingAsync("Max", GreetingSlots.Standard, TestAudio.Seconds(2, seed: 1));
        await _h.Store.SaveGreetingAsync("Max", GreetingSlots.Name, TestAudio.Pattern(4001, seed: 2));
        var path = (await _h.Store.GetGreetingPathAsync("Max", GreetingSlots.Standard))!;
        Assert.Equal(TestAudio.Seconds(2, seed: 1), TestAudio.ReadWavData(path));

        await _h.Store.SaveGreetingAsync("Max", GreetingSlots.Standard, TestAudio.Seconds(1, seed: 3));
        Assert.Equal(TestAudio.Seconds(1, seed: 3), TestAudio.ReadWavData(path));
        Assert.Equal(TestAudio.Pattern(4001, seed: 2), TestAudio.ReadWavData((await _h.Store.GetGreetingPathAsync("Max", GreetingSlots.Name))!));

        Assert.True(await _h.Store.DeleteGreetingAsync("Max", GreetingSlots.Standard));
        Assert.False(await _h.Store.DeleteGreetingAsync("Max", GreetingSlots.Standard));
        Assert.Null(await _h.Store.GetGreetingPathAsync("Max", GreetingSlots.Standard));
        Assert.Empty(Directory.EnumerateFiles(_h.TmpDirectory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../name")]
    [InlineData("Name")]
    [InlineData("-x")]
    [InlineData("a.wav")]
    [InlineData("con/")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public async Task Bad_slot_names_are_refused(string slot)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Store.SaveGreetingAsync("Max", slot, TestAudio.Seconds(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Store.GetGreetingPathAsync("Max", slot));
    }

    [Fact]
    public async Task Greetings_need_a_mailbox()
    {
        await Assert.ThrowsAsync<MailboxNotFoundException>(() => _h.Store.SaveGreetingAsync("max", GreetingSlots.Busy, TestAudio.Seconds(1)));
    }
}
