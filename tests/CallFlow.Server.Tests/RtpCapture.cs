using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CallFlow.Server.Tests;

/// <summary>The fixed header of one RTP packet (RFC 3550 §5.1), and where its payload lies.</summary>
internal readonly record struct RtpHeader(int PayloadType, bool Marker, ushort Sequence, uint Timestamp, uint Ssrc, int PayloadOffset, int PayloadLength);

/// <summary>One UDP datagram seen on loopback.</summary>
internal sealed record CapturedDatagram(IPAddress Source, int SourcePort, int DestinationPort, byte[] Payload, TimeSpan At);

/// <summary>One RTP stream put back in order: its payloads joined, and how many sequence numbers never came.</summary>
internal sealed record RtpStream(uint Ssrc, int SourcePort, byte[] Payload, int Packets, int Lost);

/// <summary>
/// A passive tap on the UDP datagrams delivered to one loopback port, for what a SIP peer that cannot record (SIPp)
/// hears: a raw IPv4 socket gets a copy of every UDP datagram the kernel delivers, the owner of the port still gets
/// the original, and a classic BPF filter (SO_ATTACH_FILTER, as tcpdump uses) drops every other port in the kernel, so
/// other traffic on a busy machine cannot overflow the queue. Needs root or CAP_NET_RAW (CI runs as root); Linux only.
/// </summary>
internal sealed class RtpCapture : IDisposable
{
    private const int SolSocket = 1;
    private const int SoAttachFilter = 26;

    private readonly Socket _socket;
    private readonly int _port;
    private readonly Thread _thread;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<CapturedDatagram> _datagrams = [];
    private volatile bool _stopping;

    private RtpCapture(Socket socket, int port)
    {
        _socket = socket;
        _port = port;
        _thread = new Thread(Receive) { IsBackground = true, Name = $"rtp-capture-{port}" };
        _thread.Start();
    }

    /// <summary>Starts capturing the UDP datagrams sent to <paramref name="port"/> on this machine.</summary>
    /// <exception cref="InvalidOperationException">The process may not open raw sockets.</exception>
    public static RtpCapture Start(int port)
    {
        Socket socket;
        try
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"capturing RTP needs a raw socket (root or CAP_NET_RAW): {e.Message}", e);
        }
        socket.ReceiveBufferSize = 4 << 20;
        socket.ReceiveTimeout = 200;
        if (OperatingSystem.IsLinux() && IntPtr.Size == 8)
            AttachPortFilter(socket, port);
        return new RtpCapture(socket, port);
    }

    /// <summary>The datagrams captured so far, in arrival order.</summary>
    public IReadOnlyList<CapturedDatagram> Datagrams
    {
        get
        {
            lock (_datagrams)
                return [.. _datagrams];
        }
    }

    /// <summary>
    /// The stream of <paramref name="payloadType"/> packets from <paramref name="source"/> with the most packets, in
    /// sequence order (16-bit wrap handled); null when none was captured.
    /// </summary>
    public RtpStream? Stream(int payloadType, IPAddress source)
    {
        var streams = Datagrams
            .Where(d => d.Source.Equals(source))
            .Select(d => (Datagram: d, Ok: TryParseRtp(d.Payload, out var header), Header: header))
            .Where(p => p.Ok)
            .GroupBy(p => p.Header.Ssrc)
            .Where(g => g.Any(p => p.Header.PayloadType == payloadType))
            .OrderByDescending(g => g.Count())
            .ToList();
        if (streams.Count == 0)
            return null;
        var packets = streams[0].ToList();
        // Sequence numbers relative to the first packet, unwrapped by taking each step as the shortest way round.
        var extended = new long[packets.Count];
        for (var i = 1; i < packets.Count; i++)
            extended[i] = extended[i - 1] + (short)(packets[i].Header.Sequence - packets[i - 1].Header.Sequence);
        var ordered = packets.Select((p, i) => (p.Datagram, p.Header, Sequence: extended[i])).OrderBy(p => p.Sequence).ToList();
        var distinct = ordered.Select(p => p.Sequence).Distinct().Count();
        var audio = new List<byte>();
        foreach (var (datagram, header, _) in ordered.DistinctBy(p => p.Sequence))
        {
            if (header.PayloadType == payloadType)
                audio.AddRange(datagram.Payload.AsSpan(header.PayloadOffset, header.PayloadLength).ToArray());
        }
        var lost = (int)(ordered[^1].Sequence - ordered[0].Sequence + 1) - distinct;
        return new RtpStream(streams[0].Key, ordered[0].Datagram.SourcePort, [.. audio], distinct, lost);
    }

    /// <summary>Reads an RTP header (version 2, with CSRCs, extension and padding accounted for; RTCP is not RTP).</summary>
    public static bool TryParseRtp(ReadOnlySpan<byte> datagram, out RtpHeader header)
    {
        header = default;
        if (datagram.Length < 12 || datagram[0] >> 6 != 2 || datagram[1] is >= 200 and <= 204)
            return false;
        var offset = 12 + (datagram[0] & 0x0F) * 4;
        if ((datagram[0] & 0x10) != 0)
        {
            if (datagram.Length < offset + 4)
                return false;
            offset += 4 + BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]) * 4;
        }
        var end = datagram.Length - ((datagram[0] & 0x20) != 0 ? datagram[^1] : 0);
        if (offset > end)
            return false;
        header = new RtpHeader(datagram[1] & 0x7F, (datagram[1] & 0x80) != 0, BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]), BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]), offset, end - offset);
        return true;
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
    }

    private void Receive()
    {
        var buffer = new byte[65536];
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            // A raw IPv4 socket receives the IP header too.
            var packet = buffer.AsSpan(0, length);
            if (length < 20 || packet[0] >> 4 != 4 || packet[9] != 17)
                continue;
            var udp = packet[((packet[0] & 0x0F) * 4)..];
            if (udp.Length < 8 || BinaryPrimitives.ReadUInt16BigEndian(udp[2..]) != _port)
                continue;
            var udpLength = Math.Clamp(BinaryPrimitives.ReadUInt16BigEndian(udp[4..]), 8, udp.Length);
            var datagram = new CapturedDatagram(new IPAddress(packet.Slice(12, 4)), BinaryPrimitives.ReadUInt16BigEndian(udp), _port,
                udp[8..udpLength].ToArray(), _clock.Elapsed);
            lock (_datagrams)
                _datagrams.Add(datagram);
        }
    }

    /// <summary>
    /// Classic BPF, run on each packet from its IP header: X = IP header length; accept when the UDP destination port
    /// is <paramref name="port"/>, else drop.
    /// </summary>
    private static void AttachPortFilter(Socket socket, int port)
    {
        ReadOnlySpan<(ushort Code, byte True, byte False, uint K)> program =
        [
            (0xB1, 0, 0, 0),            // ldxb 4*([0]&0xf)
            (0x48, 0, 0, 2),            // ldh [x + 2]
            (0x15, 0, 1, (uint)port),   // jeq #port, accept, drop
            (0x06, 0, 0, 0xFFFF),       // ret #65535
            (0x06, 0, 0, 0),            // ret #0
        ];
        var instructions = new byte[program.Length * 8];
        for (var i = 0; i < program.Length; i++)
        {
            var at = instructions.AsSpan(i * 8);
            BitConverter.TryWriteBytes(at, program[i].Code);
            at[2] = program[i].True;
            at[3] = program[i].False;
            BitConverter.TryWriteBytes(at[4..], program[i].K);
        }
        var memory = Marshal.AllocHGlobal(instructions.Length);
        try
        {
            Marshal.Copy(instructions, 0, memory, instructions.Length);
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; }: 2 bytes, padding, 8-byte pointer.
            var fprog = new byte[16];
            BitConverter.TryWriteBytes(fprog, (ushort)program.Length);
            BitConverter.TryWriteBytes(fprog.AsSpan(8), memory.ToInt64());
            socket.SetRawSocketOption(SolSocket, SoAttachFilter, fprog);   // the kernel copies the program
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }
}
