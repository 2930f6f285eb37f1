using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallFlow.Audio;
using CallFlow.Compiler.Text;
using CallFlow.Sip;
using CallFlow.Sip.Sdp;

namespace CallFlow.Server.Tests;

/// <summary>
/// What the server's SDP answers agree to is what its RTP does, on the port the answer names; and each dialog's answers
/// carry their own o= version, which moves only when that dialog's SDP changes (RFC 3264 §8), whatever other calls do.
/// </summary>
[Collection("SIP")]
public sealed class SdpNegotiationTests : IAsyncLifetime
{
    private const byte ALaw = 8;
    private const byte EventType = 96;   // a dynamic telephone-event type other than the customary 101
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("sdp", port => $$"""
            {
              "server": { "sip_port": {{port}}, "http_port": 0, "rtp_port_min": 48100, "rtp_port_max": 48199, "shutdown_grace_seconds": 2 }
            }
            """,
            [.. LoopbackServer.Samples(), new SourceText("tests/sdp.vflow", """
                start shortcode "*93" {
                    menu {
                        prompt system(welcome)
                        timeout 20s
                        key 1 -> disconnect
                        on Timeout, Invalid -> disconnect
                    }
                }
                """)]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_A_law_offer_with_a_dynamic_event_type_is_answered_and_sent_in_kind_and_hold_moves_only_its_own_version()
    {
        var server = new IPEndPoint(IPAddress.Loopback, _server.Port);
        using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var rtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        using var caller = new SipTestPeer(server);

        // The call: PCMA only, telephone-event at 96.
        await caller.SendTextAsync(Invite(caller, 1, rtpPort, "sendrecv"));
        var ok = await caller.FinalResponseAsync(SipMethods.Invite, 1, Wait);
        Assert.Equal(200, ok.StatusCode);
        var toWithTag = ok.Headers.GetFirst(SipHeaderNames.To)!;
        await caller.SendTextAsync(Ack(caller, 1, toWithTag));
        var answer = Sdp(ok);
        var audio = Assert.Single(answer.Media);
        Assert.Equal(new[] { "8", "96" }, audio.Formats);
        Assert.Equal("PCMA", audio.GetRtpMap(ALaw)!.EncodingName);
        Assert.Equal("telephone-event", audio.GetRtpMap(EventType)!.EncodingName);
        var (sessionId, version) = (answer.Origin.SessionId, Version(answer));

        // What the answer says is what comes: A-law from the port it names, the prompt audible in A-law.
        var received = await ReceiveUntilLoudAsync(rtp, most: 250);
        Assert.All(received, p => Assert.Equal(audio.Port, p.From.Port));
        Assert.All(received, p => Assert.Equal(ALaw, p.PayloadType));
        Assert.Equal(G711.Encode(0, G711Law.ALaw), received[0].Payload[0]);   // idle: A-law's silence, not µ-law's
        Assert.True(Loudest(received[^1].Payload) > 1000, "no audible packet in 5 s of RTP");

        // Another call's answer must not move this dialog's version.
        using var other = new SipTestPeer(server);
        await other.SendTextAsync(Invite(other, 1, rtpPort + 2, "sendrecv", codecs: "0 101", maps: "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000"));
        var otherOk = await other.FinalResponseAsync(SipMethods.Invite, 1, Wait);
        Assert.Equal(200, otherOk.StatusCode);
        await other.SendTextAsync(Ack(other, 1, otherOk.Headers.GetFirst(SipHeaderNames.To)!));
        Assert.NotEqual(sessionId, Sdp(otherOk).Origin.SessionId);

        // Hold: the answer mirrors it (recvonly) with the version one up; the same offer again changes nothing.
        await caller.SendTextAsync(Invite(caller, 2, rtpPort, "sendonly", toWithTag));
        var held = Sdp(await OkAsync(caller, 2, toWithTag));
        Assert.Equal(SdpDirection.RecvOnly, held.Media[0].Direction);
        Assert.Equal((sessionId, version + 1), (held.Origin.SessionId, Version(held)));
        await caller.SendTextAsync(Invite(caller, 3, rtpPort, "sendonly", toWithTag));
        var heldAgain = Sdp(await OkAsync(caller, 3, toWithTag));
        Assert.Equal(version + 1, Version(heldAgain));

        // Resume: one up again, the media as it was.
        await caller.SendTextAsync(Invite(caller, 4, rtpPort, "sendrecv", toWithTag));
        var resumed = Sdp(await OkAsync(caller, 4, toWithTag));
        Assert.Equal(SdpDirection.SendRecv, resumed.Media[0].Direction);
        Assert.Equal(version + 2, Version(resumed));
        Assert.Equal(audio.Port, resumed.Media[0].Port);

        // A key in the negotiated event type reaches the menu, which hangs up long before its 20 s timeout.
        var digitsBefore = _server.Host.Metrics.DigitsDetected;
        await SendKeyAsync(rtp, new IPEndPoint(IPAddress.Loopback, audio.Port), '1');
        var bye = await caller.RequestAsync(SipMethods.Bye, TimeSpan.FromSeconds(10));
        await caller.SendTextAsync(Encoding.ASCII.GetString(bye.CreateResponse(200).ToBytes()));
        Assert.Equal(digitsBefore + 1, _server.Host.Metrics.DigitsDetected);

        await other.SendTextAsync(Bye(other, 2, otherOk.Headers.GetFirst(SipHeaderNames.To)!));
        Assert.Equal(200, (await other.FinalResponseAsync(SipMethods.Bye, 2, Wait)).StatusCode);
        Assert.True(await _server.IdleAsync(TimeSpan.FromSeconds(10)), _server.Log.ToString());
    }

    private static async Task<SipMessage> OkAsync(SipTestPeer peer, uint cseq, string toWithTag)
    {
        var ok = await peer.FinalResponseAsync(SipMethods.Invite, cseq, Wait);
        Assert.Equal(200, ok.StatusCode);
        await peer.SendTextAsync(Ack(peer, cseq, toWithTag));
        return ok;
    }

    private static SdpSessionDescription Sdp(SipMessage message)
    {
        Assert.True(SdpSessionDescription.TryParse(message.Body.Span, out var description, out var problem), problem);
        return description;
    }

    private static ulong Version(SdpSessionDescription sdp) => ulong.Parse(sdp.Origin.SessionVersion, CultureInfo.InvariantCulture);

    private static string Invite(SipTestPeer peer, uint cseq, int rtpPort, string direction, string? toWithTag = null,
        string codecs = "8 96", string maps = "a=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15")
    {
        var body = $"v=0\r\no=tester 7 {cseq} IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + $"m=audio {rtpPort} RTP/AVP {codecs}\r\n{maps}\r\na=ptime:20\r\na={direction}\r\n";
        return Request(peer, SipMethods.Invite, cseq, toWithTag ?? $"<sip:*93@{peer.Server}>",
            $"Contact: <sip:caller@{peer.Local}>\r\nContent-Type: application/sdp\r\n", body);
    }

    private static string Ack(SipTestPeer peer, uint cseq, string toWithTag) => Request(peer, SipMethods.Ack, cseq, toWithTag, "", "");

    private static string Bye(SipTestPeer peer, uint cseq, string toWithTag) => Request(peer, SipMethods.Bye, cseq, toWithTag, "", "");

    private static string Request(SipTestPeer peer, string method, uint cseq, string to, string headers, string body) =>
        $"{method} sip:*93@{peer.Server} SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP {peer.Local};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n"
        + "Max-Forwards: 70\r\n"
        + $"From: <sip:caller@{peer.Local}>;tag={peer.Tag}\r\n"
        + $"To: {to}\r\n"
        + $"Call-ID: {peer.CallId}\r\n"
        + $"CSeq: {cseq} {method}\r\n"
        + headers
        + $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n\r\n" + body;

    /// <summary>RTP packets as they come, until one is audible (the prompt, decoded as A-law) or <paramref name="most"/> came.</summary>
    private static async Task<List<(IPEndPoint From, byte PayloadType, byte[] Payload)>> ReceiveUntilLoudAsync(Socket rtp, int most)
    {
        var list = new List<(IPEndPoint, byte, byte[])>();
        var buffer = new byte[2048];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (list.Count < most)
        {
            var got = await rtp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), bound.Token);
            if (got.ReceivedBytes < 12)
                continue;
            var payload = buffer.AsSpan(12, got.ReceivedBytes - 12).ToArray();
            list.Add(((IPEndPoint)got.RemoteEndPoint, (byte)(buffer[1] & 0x7F), payload));
            if (Loudest(payload) > 1000)
                break;
        }
        return list;
    }

    private static int Loudest(byte[] alaw) => alaw.Max(b => Math.Abs((int)G711.Decode(b, G711Law.ALaw)));

    /// <summary>One key as RFC 4733 packets in <see cref="EventType"/>: three updates 20 ms apart, the end sent three times.</summary>
    private static async Task SendKeyAsync(Socket rtp, IPEndPoint to, char key)
    {
        var packet = new byte[16];
        const uint ssrc = 0x5EED;
        const uint timestamp = 8000;
        for (var i = 0; i < 6; i++)
        {
            var end = i >= 3;
            packet[0] = 0x80;
            packet[1] = (byte)((i == 0 ? 0x80 : 0) | EventType);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(100 + i));
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
            packet[12] = (byte)(key - '0');
            packet[13] = (byte)((end ? 0x80 : 0) | 10);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14), (ushort)(160 * Math.Min(i + 1, 3)));
            await rtp.SendToAsync(packet, SocketFlags.None, to);
            await Task.Delay(20);
        }
    }
}
