namespace CallFlow.Media.Tests;

/// <summary>Builds RTP datagrams for tests, including the header fields CallFlow never writes.</summary>
internal static class Packets
{
    public static byte[] Rtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var packet = new byte[RtpPacket.FixedHeaderSize + payload.Length];
        RtpPacket.Write(packet, new RtpHeader(payloadType, sequence, timestamp, ssrc, marker), payload);
        return packet;
    }

    public static byte[] Event(byte eventCode, bool end, ushort duration, ushort sequence, uint timestamp, uint ssrc = 0x5555, bool marker = false,
        byte payloadType = 101)
    {
        var payload = new byte[TelephoneEvent.Size];
        new TelephoneEvent(eventCode, end, 10, duration).TryWrite(payload);
        return Rtp(payloadType, sequence, timestamp, ssrc, payload, marker);
    }

    public static byte[] Frame(byte fill, int length = 160)
    {
        var frame = new byte[length];
        frame.AsSpan().Fill(fill);
        return frame;
    }
}
