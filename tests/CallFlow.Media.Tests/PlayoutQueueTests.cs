using CallFlow.Audio;

namespace CallFlow.Media.Tests;

public sealed class PlayoutQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sources_follow_each_other_without_a_gap_and_the_last_frame_is_padded()
    {
        var queue = new PlayoutQueue(silence: 0xFF);
        var first = queue.Enqueue(new MemoryAudioSource(Packets.Frame(0x11, 200)));
        var second = queue.Enqueue(new MemoryAudioSource(Packets.Frame(0x22, 100)));
        var frame = new byte[160];
        var output = new List<byte>();
        while (queue.Read(frame))
            output.AddRange(frame);

        Assert.Equal([.. Packets.Frame(0x11, 200), .. Packets.Frame(0x22, 100), .. Packets.Frame(0xFF, 20)], output);
        Assert.Equal(PlaybackEnd.Completed, await Eventually.Within(first, Timeout));
        Assert.Equal(PlaybackEnd.Completed, await Eventually.Within(second, Timeout));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Barge_in_ends_only_what_allows_it()
    {
        var queue = new PlayoutQueue();
        var prompt = queue.Enqueue(new SilenceAudioSource(TimeSpan.FromSeconds(2), G711Law.MuLaw));
        var beep = queue.Enqueue(new SilenceAudioSource(TimeSpan.FromSeconds(1), G711Law.MuLaw), bargeIn: false);
        var more = queue.Enqueue(new SilenceAudioSource(TimeSpan.FromSeconds(1), G711Law.MuLaw));

        Assert.True(queue.Read(new byte[160]));
        Assert.Equal(2, queue.BargeIn());

        Assert.Equal(PlaybackEnd.BargedIn, await Eventually.Within(prompt, Timeout));
        Assert.Equal(PlaybackEnd.BargedIn, await Eventually.Within(more, Timeout));
        Assert.False(beep.IsCompleted);
        Assert.Equal(1, queue.Stop());
        Assert.Equal(PlaybackEnd.Stopped, await Eventually.Within(beep, Timeout));
        Assert.False(queue.Read(new byte[160]));
    }

    [Fact]
    public async Task A_source_that_throws_fails_its_own_task_and_the_next_one_plays()
    {
        var queue = new PlayoutQueue();
        var broken = queue.Enqueue(new BrokenSource());
        var good = queue.Enqueue(new MemoryAudioSource(Packets.Frame(0x33, 160)));
        var frame = new byte[160];

        Assert.True(queue.Read(frame));
        Assert.Equal(Packets.Frame(0x33, 160), frame);
        await Assert.ThrowsAsync<IOException>(() => Eventually.Within(broken, Timeout));
        Assert.False(queue.Read(frame));
        Assert.Equal(PlaybackEnd.Completed, await Eventually.Within(good, Timeout));
    }

    private sealed class BrokenSource : IAudioSource
    {
        public int Read(Span<byte> destination) => throw new IOException("disk gone");
    }
}
