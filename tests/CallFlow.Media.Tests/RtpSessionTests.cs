using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallFlow.Audio;

namespace CallFlow.Media.Tests;

public sealed class RtpSessionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static RtpSessionOptions Options(bool sendSilence = true) => new()
    {
        LocalAddress = IPAddress.Loopback,
        Ports = TestPorts.Allocator,
        SendSilenceWhenIdle = sendSilence,
    };

    private static WavAudioSource OneSecondPrompt(G711Law law)
    {
        var samples = new short[Tone.SamplesFor(TimeSpan.FromSeconds(1))];
        Tone.Sine(samples, 440, 0.5);
        var pcm = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, pcm);
        return WavAudioSource.FromBytes(WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.Pcm16), pcm), law);
    }

    private static void Connect(RtpSession a, RtpSession b)
    {
        a.SetRemote(b.LocalEndPoint);
        b.SetRemote(a.LocalEndPoint);
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public async Task A_prompt_played_by_one_session_is_recorded_byte_for_byte_by_the_other(G711Law law)
    {
        using var clock = new MediaClock();
        await using var a = RtpSession.Open(clock, Options(sendSilence: false) with { Law = law });
        // A test host on a busy 2-core box can starve the thread pool for half a second, and the packets of the stall
        // then arrive in one burst; the largest buffer keeps this test about the bytes, not the scheduler.
        await using var b = RtpSession.Open(clock, Options() with { Law = law, JitterCapacity = 64 });
        var recording = new CapturingSink();
        b.Sink = recording;
        Connect(a, b);
        clock.Start();

        var prompt = OneSecondPrompt(law);
        Assert.Equal(PlaybackEnd.Completed, await Eventually.Within(a.PlayAsync(prompt), Timeout));
        Assert.True(await Eventually.Until(() => recording.Length >= prompt.Encoded.Length, Timeout), $"recorded {recording.Length} bytes; sent {a.GetStats()}; received {b.GetStats()}");
        await Task.Delay(200); // anything still to come would be extra

        var recorded = recording.ToArray();
        Assert.InRange(recorded.Length, 8000 - a.FrameBytes, 8000 + a.FrameBytes);
        Assert.Equal(prompt.Encoded.ToArray(), recorded);
        Assert.Equal(50, a.GetStats().PacketsSent);
        var stats = b.GetStats();
        Assert.Equal(50, stats.PacketsReceived);
        Assert.Equal(0, stats.Lost + stats.Late + stats.Duplicates + stats.Overflows);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("11")]
    [InlineData("1#5*")]
    public async Task Keys_sent_by_one_session_are_detected_exactly_once_by_the_other(string keys)
    {
        using var clock = new MediaClock();
        await using var a = RtpSession.Open(clock, Options());
        await using var b = RtpSession.Open(clock, Options());
        var received = new ConcurrentQueue<char>();
        b.DigitReceived += received.Enqueue;
        Connect(a, b);
        clock.Start();

        a.SendDigits(keys);
        Assert.True(await Eventually.Until(() => received.Count >= keys.Length, Timeout));
        await Task.Delay(300); // the end packets' retransmissions have gone by: no second report

        Assert.Equal(keys, string.Concat(received));
        Assert.Equal(keys.Length, b.GetStats().DtmfDigits);
        Assert.Equal(keys.Length, a.GetStats().DtmfDigitsSent);
        Assert.Equal(0, b.GetStats().Lost); // event packets took sequence numbers, but none counts as lost audio
    }

    [Fact]
    public async Task A_key_from_the_caller_stops_a_prompt_that_allows_barge_in()
    {
        using var clock = new MediaClock();
        await using var voicemail = RtpSession.Open(clock, Options());
        await using var caller = RtpSession.Open(clock, Options());
        Connect(voicemail, caller);
        clock.Start();

        var greeting = voicemail.PlayAsync(new SilenceAudioSource(TimeSpan.FromSeconds(60), G711Law.MuLaw));
        var beep = voicemail.PlayAsync(new SilenceAudioSource(TimeSpan.FromSeconds(60), G711Law.MuLaw), bargeIn: false);
        caller.SendDigits("#");

        Assert.Equal(PlaybackEnd.BargedIn, await Eventually.Within(greeting, Timeout));
        Assert.False(beep.IsCompleted);
        Assert.Equal(1, voicemail.StopPlayback());
        Assert.Equal(PlaybackEnd.Stopped, await Eventually.Within(beep, Timeout));
    }

    [Fact]
    public async Task The_session_latches_to_where_the_peers_RTP_really_comes_from()
    {
        using var clock = new MediaClock();
        await using var a = RtpSession.Open(clock, Options());
        await using var b = RtpSession.Open(clock, Options());
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        a.SetRemote(b.LocalEndPoint);
        b.SetRemote((IPEndPoint)stranger.LocalEndPoint!); // what a NATed peer's SDP might say
        clock.Start();

        Assert.True(await Eventually.Until(() => b.IsLatched, Timeout));
        Assert.Equal(a.LocalEndPoint, b.RemoteEndPoint);

        // Once latched, b answers where a is, so a's keys... and b's audio reach a.
        var keys = new ConcurrentQueue<char>();
        a.DigitReceived += keys.Enqueue;
        b.SendDigits("7");
        Assert.True(await Eventually.Until(() => keys.Count == 1, Timeout));

        // Packets from anyone else are dropped (RTP), ignored (RTCP) or refused (garbage).
        var target = b.LocalEndPoint;
        stranger.SendTo(Packets.Rtp(0, 1, 160, 99, Packets.Frame(0x55)), target);
        stranger.SendTo(Convert.FromHexString("80C80006000000010000000000000000000000000000000000000000"), target); // an RTCP SR
        stranger.SendTo(new byte[] { 1, 2, 3 }, target);
        Assert.True(await Eventually.Until(() => b.GetStats() is { ForeignDropped: 1, RtcpIgnored: 1, Malformed: 1 }, Timeout), b.GetStats().ToString());
        Assert.Equal(a.LocalEndPoint, b.RemoteEndPoint);
    }

    [Fact]
    public async Task A_new_SDP_address_drops_the_latch()
    {
        using var clock = new MediaClock();
        await using var a = RtpSession.Open(clock, Options());
        await using var b = RtpSession.Open(clock, Options());
        Connect(a, b);
        clock.Start();
        Assert.True(await Eventually.Until(() => b.IsLatched, Timeout));

        var moved = new IPEndPoint(IPAddress.Loopback, 9);
        b.SetRemote(moved);
        Assert.Equal(moved, b.RemoteEndPoint);
        Assert.True(await Eventually.Until(() => b.IsLatched, Timeout)); // a's next packet latches again
        Assert.Equal(a.LocalEndPoint, b.RemoteEndPoint);
    }

    [Fact]
    public async Task Sessions_bind_even_ports_of_the_range_and_close_cleanly()
    {
        using var clock = new MediaClock();
        var sessions = new List<RtpSession>();
        for (var i = 0; i < 4; i++)
            sessions.Add(RtpSession.Open(clock, Options()));
        var ports = sessions.Select(s => s.LocalEndPoint.Port).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, port => Assert.InRange(port, TestPorts.Allocator.First, TestPorts.Allocator.Last));
        Assert.All(ports, port => Assert.Equal(0, port % 2));

        clock.Start();
        var playing = sessions[0].PlayAsync(new SilenceAudioSource(TimeSpan.FromSeconds(60), G711Law.MuLaw));
        foreach (var session in sessions)
            await session.DisposeAsync();
        Assert.Equal(PlaybackEnd.Stopped, await Eventually.Within(playing, Timeout));
        Assert.Throws<ObjectDisposedException>(() => sessions[0].SendDigits("1"));
        await sessions[0].DisposeAsync(); // twice is fine
    }

    [Fact]
    public async Task Payload_types_that_were_not_negotiated_are_counted_and_not_played()
    {
        using var clock = new MediaClock(); // not started: the test ticks the session itself
        await using var session = RtpSession.Open(clock, Options() with { AudioPayloadType = 0, TelephoneEventPayloadType = 96 });
        var sink = new CapturingSink();
        session.Sink = sink;
        var from = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();

        session.HandleDatagram(Packets.Rtp(18, 1, 160, 7, Packets.Frame(0x11, 20)), from);   // G.729
        session.HandleDatagram(Packets.Event(5, true, 800, 2, 320, ssrc: 7), from);         // PT 101, but 96 was agreed
        session.HandleDatagram(Packets.Rtp(0, 3, 480, 7, Packets.Frame(0x42)), from);
        for (var tick = 0; tick < 3; tick++)
            session.Tick(tick);

        var stats = session.GetStats();
        Assert.Equal(2, stats.UnknownPayload);
        Assert.Equal(0, stats.DtmfDigits);
        Assert.Equal(1, stats.PacketsReceived);
        Assert.Equal(Packets.Frame(0x42), sink.ToArray());
    }

    [Fact]
    public async Task A_session_takes_the_format_agreed_after_it_opened_and_keeps_its_port()
    {
        using var clock = new MediaClock(); // not started: the test ticks the session itself
        await using var session = RtpSession.Open(clock, Options());
        var port = session.LocalEndPoint.Port;
        session.UseFormat(G711Law.ALaw, telephoneEventPayloadType: 96);
        var sink = new CapturingSink();
        session.Sink = sink;
        var from = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();

        session.HandleDatagram(Packets.Rtp(0, 1, 160, 7, Packets.Frame(0x42)), from);        // µ-law: no longer agreed
        session.HandleDatagram(Packets.Event(5, true, 800, 2, 320, ssrc: 7), from);          // PT 101: neither
        session.HandleDatagram(Packets.Rtp(8, 3, 480, 7, Packets.Frame(0x43)), from);
        session.HandleDatagram(Packets.Event(5, true, 800, 4, 640, ssrc: 7, payloadType: 96), from);
        session.HandleDatagram(Packets.Rtp(8, 6, 960, 7, Packets.Frame(0x44)), from);          // 5 is lost
        for (var tick = 0; tick < 6; tick++)
            session.Tick(tick);

        Assert.Equal(G711Law.ALaw, session.Law);
        Assert.Equal(port, session.LocalEndPoint.Port);
        var stats = session.GetStats();
        Assert.Equal(2, stats.UnknownPayload);
        Assert.Equal(1, stats.DtmfDigits);
        // The lost packet is concealed with A-law's silence, not µ-law's.
        Assert.Equal([.. Packets.Frame(0x43), .. Packets.Frame(G711.Encode(0, G711Law.ALaw)), .. Packets.Frame(0x44)], sink.ToArray());
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_session_opens()
    {
        using var clock = new MediaClock();
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpSession.Open(clock, Options() with { DigitDuration = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpSession.Open(clock, Options() with { DigitDuration = TimeSpan.FromSeconds(10) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpSession.Open(clock, Options() with { DigitGap = TimeSpan.FromMilliseconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpSession.Open(clock, Options() with { JitterCapacity = 1 }));
    }

    [Fact]
    public async Task Idle_sessions_send_silence_unless_told_not_to()
    {
        using var clock = new MediaClock();
        await using var talker = RtpSession.Open(clock, Options(sendSilence: true));
        await using var quiet = RtpSession.Open(clock, Options(sendSilence: false));
        var heard = new CapturingSink();
        quiet.Sink = heard;
        Connect(talker, quiet);
        clock.Start();

        Assert.True(await Eventually.Until(() => heard.Frames >= 5, Timeout));
        Assert.All(heard.ToArray(), b => Assert.Equal(0xFF, b));
        Assert.Equal(0, quiet.GetStats().PacketsSent);
    }
}
