using CsCheck;

namespace CallFlow.Media.Tests;

public sealed class RtpPacketTests
{
    [Fact]
    public void A_written_packet_parses_back_to_the_same_fields()
    {
        var payload = Packets.Frame(0x42, 160);
        var header = new RtpHeader(PayloadType: 8, SequenceNumber: 65535, Timestamp: 0xFFFFFF60, Ssrc: 0xDEADBEEF, Marker: true);
        var buffer = new byte[200];

        Assert.True(RtpPacket.TryWrite(buffer, header, payload, out var written));
        Assert.Equal(172, written);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out var packet));

        Assert.Equal(header, packet.Header);
        Assert.Equal(payload, packet.Payload.ToArray());
        Assert.Equal(0, packet.CsrcCount);
        Assert.False(packet.HasExtension);
        Assert.Equal(0, packet.PaddingLength);
    }

    [Fact]
    public void The_header_bytes_are_laid_out_as_RFC_3550_section_5_1_draws_them()
    {
        var bytes = Packets.Rtp(0, 0x1234, 0x01020304, 0x0A0B0C0D, [0xFF], marker: true);
        Assert.Equal(new byte[] { 0x80, 0x80, 0x12, 0x34, 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D, 0xFF }, bytes);
    }

    [Fact]
    public void CSRCs_an_extension_and_padding_are_stepped_over()
    {
        byte[] bytes =
        [
            0xB2, 0x00, 0x00, 0x07, 0, 0, 0, 160, 0, 0, 0, 1, // V=2 P=1 X=1 CC=2, PT 0, seq 7, ts 160, SSRC 1
            0, 0, 0, 0x21, 0, 0, 0, 0x22,                    // two CSRCs
            0xBE, 0xDE, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8,  // extension: profile, 2 words, 8 bytes
            0x11, 0x22, 0x33,                                // payload
            0, 0, 3,                                         // padding, its count included
        ];

        Assert.True(RtpPacket.TryParse(bytes, out var packet));
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(0x21u, packet.GetCsrc(0));
        Assert.Equal(0x22u, packet.GetCsrc(1));
        Assert.True(packet.HasExtension);
        Assert.Equal(3, packet.PaddingLength);
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33 }, packet.Payload.ToArray());
        Assert.Equal((ushort)7, packet.Header.SequenceNumber);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("80000001000000A000000001", "no payload is still a packet")]
    [InlineData("800000010000A0", "shorter than the fixed header")]
    [InlineData("400000010000000000000001FF", "version 1")]
    [InlineData("C00000010000000000000001FF", "version 3")]
    [InlineData("830000010000000000000001FFFFFFFF", "three CSRCs claimed, one present")]
    [InlineData("900000010000000000000001BEDE", "extension header cut short")]
    [InlineData("900000010000000000000001BEDE0002FFFFFFFF", "extension longer than the packet")]
    [InlineData("A00000010000000000000001FF00", "padding count 0")]
    [InlineData("A00000010000000000000001FF05", "padding longer than the payload")]
    public void Malformed_datagrams_are_refused_without_an_exception(string hex, string why)
    {
        var bytes = Convert.FromHexString(hex);
        var parsed = RtpPacket.TryParse(bytes, out var packet);
        if (why == "no payload is still a packet")
            Assert.True(parsed && packet.Payload.IsEmpty, why);
        else
            Assert.False(parsed, why);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(202, true)]
    [InlineData(203, true)]
    [InlineData(204, true)]
    [InlineData(199, false)]
    [InlineData(205, false)]
    [InlineData(0x80, false)] // PCMU with the marker bit
    public void RTCP_is_recognised_by_its_second_byte_and_never_parsed_as_RTP(int secondByte, bool rtcp)
    {
        byte[] bytes = [0x81, (byte)secondByte, 0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(rtcp, RtpPacket.IsRtcp(bytes));
        Assert.Equal(!rtcp, RtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void Writing_refuses_a_short_buffer_and_a_payload_type_over_127()
    {
        Assert.False(RtpPacket.TryWrite(new byte[20], new RtpHeader(0, 1, 2, 3), new byte[160], out _));
        Assert.False(RtpPacket.TryWrite(new byte[200], new RtpHeader(128, 1, 2, 3), new byte[160], out _));
        Assert.Throws<ArgumentException>(() => RtpPacket.Write(new byte[20], new RtpHeader(0, 1, 2, 3), new byte[160]));
    }

    [Fact]
    public void Random_and_mutated_datagrams_never_throw_and_payloads_stay_inside()
    {
        var valid = Packets.Rtp(0, 1, 160, 9, Packets.Frame(0xFF));
        var random = Gen.Byte.Array[0, 300];
        var mutated = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[1, 6].Select(flips =>
        {
            var copy = (byte[])valid.Clone();
            foreach (var (position, value) in flips)
                copy[position] = value;
            return copy;
        });
        Fuzz.Sample(Gen.OneOf(random, mutated), bytes =>
        {
            if (RtpPacket.TryParse(bytes, out var packet))
            {
                Assert.InRange(packet.Payload.Length, 0, bytes.Length - RtpPacket.FixedHeaderSize);
                Assert.InRange(packet.Header.PayloadType, 0, 127);
            }
        }, seed: 3550, iterations: 5000);
    }
}
