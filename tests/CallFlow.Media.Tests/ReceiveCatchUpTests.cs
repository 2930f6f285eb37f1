using System.Net;
using System.Net.Sockets;

namespace CallFlow.Media.Tests;

/// <summary>
/// What a session does with audio that piled up: after a burst (a stall on a busy machine, then every late packet at
/// once) it delivers a little faster until the buffer is shallow again, losing nothing; at hang-up, whatever still
/// waits can be drained into the sink at once.
/// </summary>
public sealed class ReceiveCatchUpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static RtpSessionOptions Options() => new()
    {
        LocalAddress = IPAddress.Loopback,
        Ports = TestPorts.Allocator,
        JitterCapacity = 64,
        SendSilenceWhenIdle = false,
    };

    [Fact]
    public async Task A_burst_is_worked_off_by_catching_up_without_losing_a_frame()
    {
        using var clock = new MediaClock();
        await using var session = RtpSession.Open(clock, Options());
        var sink = new CapturingSink();
        session.Sink = sink;
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        session.SetRemote((IPEndPoint)sender.Client.LocalEndPoint!);
        clock.Start();

        // 40 packets (800 ms) at once, then 2 s at the sender's normal pace.
        ushort sequence = 0;
        for (var i = 0; i < 40; i++, sequence++)
            await sender.SendAsync(Packets.Rtp(0, sequence, sequence * 160u, 0x1234, Packets.Frame((byte)(i % 100))), session.LocalEndPoint);
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(20)))
        {
            for (var i = 0; i < 100 && await pace.WaitForNextTickAsync(); i++, sequence++)
                await sender.SendAsync(Packets.Rtp(0, sequence, sequence * 160u, 0x1234, Packets.Frame((byte)(i % 100))), session.LocalEndPoint);
        }

        Assert.True(await Eventually.Until(() => sink.Length >= 140 * 160, Timeout), $"{session.GetStats()}");
        var stats = session.GetStats();
        Assert.True(stats.CaughtUp > 0, $"no catching up: {stats}");
        Assert.Equal(0, stats.Overflows + stats.Lost);
    }

    [Fact]
    public async Task What_still_waits_is_drained_into_the_sink_at_once()
    {
        using var clock = new MediaClock(); // never started: no tick reads the socket or plays anything out
        await using var session = RtpSession.Open(clock, Options());
        var sink = new CapturingSink();
        session.Sink = sink;
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        session.SetRemote((IPEndPoint)sender.Client.LocalEndPoint!);
        for (ushort i = 0; i < 10; i++)
            await sender.SendAsync(Packets.Rtp(0, i, i * 160u, 0x1234, Packets.Frame((byte)(i + 1))), session.LocalEndPoint);

        // The packets are still in the socket: draining reads them first (loopback delivers a datagram before the
        // send returns, but a drain that finds only part of them simply leaves the rest to the next one).
        var frames = 0;
        Assert.True(await Eventually.Until(() => (frames += session.DrainReceived()) >= 10, Timeout), $"{frames} frames: {session.GetStats()}");
        Assert.Equal(10, frames);
        Assert.Equal(10, session.GetStats().PacketsReceived);
        var drained = sink.ToArray();
        Assert.Equal(1600, drained.Length);
        Assert.Equal(1, drained[0]);
        Assert.Equal(10, drained[^1]);
        Assert.Equal(0, session.DrainReceived());
    }
}
