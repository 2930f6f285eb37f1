using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallFlow.Sip;
using CallFlow.Sip.Sdp;

namespace CallFlow.Server.Tests;

/// <summary>What a <see cref="TestCaller"/> call heard and how it went.</summary>
/// <param name="Status">The final response to the INVITE (0 when none came).</param>
/// <param name="ByeReceived">Whether the server ended the call with BYE (false: the caller hung up at its deadline).</param>
/// <param name="Audio">The G.711 µ-law payloads received (payload type 0), in sequence-number order.</param>
/// <param name="Packets">RTP packets received, audio and events.</param>
/// <param name="Lost">Sequence numbers missing between the first and the last audio packet.</param>
/// <param name="Duration">From the INVITE sent to the BYE (either way).</param>
/// <param name="Trace">The SIP messages exchanged, for assertion messages.</param>
internal sealed record TestCallResult(int Status, bool ByeReceived, byte[] Audio, int Packets, int Lost, TimeSpan Duration, string Trace);

/// <summary>
/// A minimal SIP caller for tests that must hear what the server sends (SIPp cannot record received RTP): one UDP
/// socket for SIP and one for RTP on loopback; INVITE with an SDP offer of G.711 µ-law and telephone-event, ACK for
/// the 200, 20 ms of µ-law silence sent every 20 ms (so the server's symmetric RTP latches to us), every RTP packet
/// received kept, the server's BYE answered 200 (or BYE sent at the deadline). Messages are built and parsed with
/// CallFlow.Sip's <see cref="SipMessage"/>, <see cref="SipParser"/> and <see cref="SdpSessionDescription"/>. Every wait
/// is bounded.
/// </summary>
internal static class TestCaller
{
    private const int MuLawPayloadType = 0;

    /// <summary>
    /// Calls <paramref name="requestUser"/> at <paramref name="server"/> from <paramref name="caller"/>, with
    /// <paramref name="uriParameters"/> appended to the Request-URI (";language=fr"), and listens until the server hangs
    /// up or <paramref name="deadline"/> passes.
    /// </summary>
    public static async Task<TestCallResult> CallAsync(IPEndPoint server, string requestUser, string caller, TimeSpan deadline,
        string uriParameters = "", IReadOnlyList<(string Name, string Value)>? extraHeaders = null)
    {
        using var sip = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        rtp.ReceiveBufferSize = 1 << 20;
        var local = (IPEndPoint)sip.LocalEndPoint!;
        var rtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        var trace = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(deadline);

        var callId = $"{Guid.NewGuid():N}@127.0.0.1";
        var fromTag = SipMessage.NewTag();
        var requestUri = SipUri.Parse($"sip:{requestUser}@127.0.0.1:{server.Port}{uriParameters}");
        var to = $"<sip:{requestUser}@127.0.0.1:{server.Port}>";
        var from = $"<sip:{caller}@127.0.0.1:{local.Port}>;tag={fromTag}";

        var invite = Request(SipMethods.Invite, requestUri, local, from, to, callId, 1);
        invite.Headers.Add(SipHeaderNames.Contact, $"<sip:{caller}@127.0.0.1:{local.Port}>");
        foreach (var (name, value) in extraHeaders ?? [])
            invite.Headers.Add(name, value);
        invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        invite.Body = Encoding.ASCII.GetBytes(string.Join("\r\n",
            "v=0", $"o=tester 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
            $"m=audio {rtpPort} RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15",
            "a=ptime:20", "") + "\r\n");

        var packets = new List<(ushort Sequence, byte PayloadType, byte[] Payload)>();
        using var rtpStop = new CancellationTokenSource();
        var receiving = Task.Run(() => ReceiveRtpAsync(rtp, packets, rtpStop.Token));
        Task? sending = null;

        var status = 0;
        var byeReceived = false;
        string? toWithTag = null;
        try
        {
            await SendAsync(sip, invite, server, trace);
            var nextRetransmit = watch.Elapsed + TimeSpan.FromMilliseconds(500);
            var buffer = new byte[65535];
            while (!stop.IsCancellationRequested)
            {
                // Retransmit the INVITE (RFC 3261 Timer A, simplified) until the server answers at all.
                var wait = status == 0 && toWithTag is null ? nextRetransmit - watch.Elapsed : TimeSpan.FromMilliseconds(200);
                if (wait <= TimeSpan.Zero)
                {
                    await SendAsync(sip, invite, server, trace);
                    nextRetransmit = watch.Elapsed + TimeSpan.FromMilliseconds(500);
                    continue;
                }
                using var slice = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                slice.CancelAfter(wait);
                SocketReceiveFromResult received;
                try
                {
                    received = await sip.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), slice.Token);
                }
                catch (OperationCanceledException)
                {
                    continue;
                }
                if (!SipParser.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var message, out _))
                    continue;
                trace.Append("<< ").AppendLine(FirstLine(message));
                if (message.IsResponse && message.CSeq?.Method == SipMethods.Invite)
                {
                    if (message.StatusCode < 200)
                    {
                        status = Math.Max(status, 1); // provisional: stop retransmitting
                        continue;
                    }
                    status = message.StatusCode;
                    if (message.StatusCode >= 300)
                    {
                        // RFC 3261 §17.1.1.3: a non-2xx final is acknowledged in the transaction, then the call is over.
                        var ackFailure = Request(SipMethods.Ack, requestUri, local, from, message.Headers.GetFirst(SipHeaderNames.To)!, callId, 1,
                            branch: invite.TopVia?.Parameters.Get("branch"));
                        await SendAsync(sip, ackFailure, server, trace);
                        break;
                    }
                    toWithTag = message.Headers.GetFirst(SipHeaderNames.To)!;
                    var target = message.Contacts is [var contact, ..] ? contact.Uri : requestUri;
                    await SendAsync(sip, Request(SipMethods.Ack, target, local, from, toWithTag, callId, 1), server, trace);
                    if (sending is null && SdpSessionDescription.TryParse(message.Body.Span, out var answer, out _) && answer.Media is [var audio, ..])
                        sending = Task.Run(() => SendSilenceAsync(rtp, new IPEndPoint(IPAddress.Loopback, audio.Port), rtpStop.Token));
                    continue;
                }
                if (message.IsRequest && message.Method == SipMethods.Bye)
                {
                    await SendAsync(sip, message.CreateResponse(200), received.RemoteEndPoint, trace);
                    byeReceived = true;
                    break;
                }
                if (message.IsRequest && message.Method != SipMethods.Ack)
                    await SendAsync(sip, message.CreateResponse(message.Method == SipMethods.Options ? 200 : 501), received.RemoteEndPoint, trace);
            }
            if (!byeReceived && toWithTag is not null)
            {
                // Our deadline: hang up ourselves (the test then fails on ByeReceived) and give the 200 a moment.
                await SendAsync(sip, Request(SipMethods.Bye, requestUri, local, from, toWithTag, callId, 2), server, trace);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    var tail = new byte[65535];
                    var got = await sip.ReceiveFromAsync(tail, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), grace.Token);
                    if (SipParser.TryParse(tail.AsSpan(0, got.ReceivedBytes), out var answer, out _))
                        trace.Append("<< ").AppendLine(FirstLine(answer));
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            // The last packets may still be in flight behind the BYE.
            await Task.Delay(100);
            await rtpStop.CancelAsync();
            await receiving.WaitAsync(TimeSpan.FromSeconds(5));
            if (sending is not null)
                await sending.WaitAsync(TimeSpan.FromSeconds(5));
        }
        var duration = watch.Elapsed;

        List<(ushort Sequence, byte PayloadType, byte[] Payload)> snapshot;
        lock (packets)
            snapshot = [.. packets];
        var audioPackets = Ordered(snapshot.Where(p => p.PayloadType == MuLawPayloadType).ToList());
        var lost = 0;
        for (var i = 1; i < audioPackets.Count; i++)
            lost += (ushort)(audioPackets[i].Sequence - audioPackets[i - 1].Sequence) - 1;
        var audioBytes = audioPackets.SelectMany(p => p.Payload).ToArray();
        return new TestCallResult(status, byeReceived, audioBytes, snapshot.Count, lost, duration, trace.ToString());
    }

    /// <summary>An even UDP port free on loopback now with the port two above it free too (SIPp's -mp binds both).</summary>
    public static int FreeUdpPortPair()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)first.Client.LocalEndPoint!).Port;
            if (port % 2 != 0 || port > 65000)
                continue;
            try
            {
                using var second = new UdpClient(new IPEndPoint(IPAddress.Loopback, port + 2));
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free pair of UDP ports");
    }

    // Sequence numbers wrap at 65536: order by distance from the first packet's.
    private static List<(ushort Sequence, byte PayloadType, byte[] Payload)> Ordered(List<(ushort Sequence, byte PayloadType, byte[] Payload)> packets) =>
        packets.Count == 0 ? packets : [.. packets.OrderBy(p => (ushort)(p.Sequence - packets[0].Sequence))];

    private static SipMessage Request(string method, SipUri uri, IPEndPoint local, string from, string to, string callId, int cseq, string? branch = null)
    {
        var request = SipMessage.NewRequest(method, uri);
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:{local.Port};branch={branch ?? "z9hG4bK" + SipMessage.NewTag() + SipMessage.NewTag()};rport");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, from);
        request.Headers.Add(SipHeaderNames.To, to);
        request.Headers.Add(SipHeaderNames.CallId, callId);
        request.Headers.Add(SipHeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{cseq} {method}"));
        return request;
    }

    private static async Task SendAsync(Socket socket, SipMessage message, EndPoint to, StringBuilder trace)
    {
        trace.Append(">> ").AppendLine(FirstLine(message));
        await socket.SendToAsync(message.ToBytes(), SocketFlags.None, to);
    }

    private static string FirstLine(SipMessage message) =>
        message.IsRequest ? $"{message.Method} {message.RequestUriText}" : $"{message.StatusCode} {message.ReasonPhrase} ({message.CSeq?.Method})";

    private static async Task ReceiveRtpAsync(Socket socket, List<(ushort, byte, byte[])> packets, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
                length = got.ReceivedBytes;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP port unreachable reported on a later receive
            }
            // RFC 3550 §5.1: version 2, no CSRCs or extension from this server; payload after the 12-byte header.
            if (length < 12 || buffer[0] >> 6 != 2)
                continue;
            var csrcs = buffer[0] & 0x0F;
            var offset = 12 + (4 * csrcs);
            if ((buffer[0] & 0x10) != 0 && length >= offset + 4)
                offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + 2)));
            var end = length - ((buffer[0] & 0x20) != 0 ? buffer[length - 1] : 0);
            if (offset > end)
                continue;
            var payloadType = (byte)(buffer[1] & 0x7F);
            var sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2));
            lock (packets)
                packets.Add((sequence, payloadType, buffer.AsSpan(offset, end - offset).ToArray()));
        }
    }

    private static async Task SendSilenceAsync(Socket socket, IPEndPoint to, CancellationToken cancellationToken)
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet[1] = MuLawPayloadType;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x7E57CA11);
        packet.AsSpan(12).Fill(0xFF); // µ-law silence
        ushort sequence = 1;
        uint timestamp = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence++);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
                timestamp += 160;
                try
                {
                    await socket.SendToAsync(packet, SocketFlags.None, to, cancellationToken);
                }
                catch (SocketException)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
