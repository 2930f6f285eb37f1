using System.Buffers.Binary;

namespace CallFlow.Server.Tests;

/// <summary>
/// The RTP inside the pcap files sip-tester ships (/usr/share/sip-tester), which SIPp's play_pcap_audio sends: what a
/// SIPp caller said, to compare with what the server stored and played back. Classic pcap (either byte order), with
/// Ethernet or Linux cooked link headers, IPv4, UDP.
/// </summary>
internal static class SippPcap
{
    /// <summary>The folder of the shipped pcaps.</summary>
    public const string Directory = "/usr/share/sip-tester";

    /// <summary>The payloads of the RTP packets of <paramref name="payloadType"/> in <paramref name="path"/>, in file order.</summary>
    public static byte[] Payloads(string path, int payloadType)
    {
        var file = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        var littleEndian = magic switch
        {
            0xA1B2C3D4 or 0xA1B23C4D => true,
            0xD4C3B2A1 or 0x4D3CB2A1 => false,
            _ => throw new InvalidDataException($"{path} is not a classic pcap file"),
        };
        var linkType = Read32(file.AsSpan(20), littleEndian);
        var linkHeader = linkType switch
        {
            1 => 14,    // Ethernet
            113 => 16,  // Linux cooked capture
            _ => throw new InvalidDataException($"{path}: link type {linkType} is not supported"),
        };
        var audio = new List<byte>();
        for (var offset = 24; offset + 16 <= file.Length;)
        {
            var captured = (int)Read32(file.AsSpan(offset + 8), littleEndian);
            var packet = file.AsSpan(offset + 16, captured);
            offset += 16 + captured;
            if (packet.Length < linkHeader + 20)
                continue;
            var ip = packet[linkHeader..];
            if (ip[0] >> 4 != 4 || ip[9] != 17)
                continue;
            var udp = ip[((ip[0] & 0x0F) * 4)..];
            if (udp.Length < 8)
                continue;
            var datagram = udp[8..Math.Clamp(BinaryPrimitives.ReadUInt16BigEndian(udp[4..]), 8, udp.Length)];   // not the link's padding
            if (RtpCapture.TryParseRtp(datagram, out var rtp) && rtp.PayloadType == payloadType)
                audio.AddRange(datagram.Slice(rtp.PayloadOffset, rtp.PayloadLength).ToArray());
        }
        return [.. audio];
    }

    private static uint Read32(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
