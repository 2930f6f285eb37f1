namespace CallFlow.Media.Tests;

public sealed class TelephoneEventDecoderTests
{
    private readonly TelephoneEventDecoder _decoder = new();

    private string Feed(params byte[][] datagrams)
    {
        var keys = "";
        foreach (var datagram in datagrams)
        {
            Assert.True(RtpPacket.TryParse(datagram, out var packet));
            if (_decoder.TryDecode(packet, out var key))
                keys += key;
        }
        return keys;
    }

    /// <summary>A key held 100 ms as a phone sends it: start with the marker, updates every 20 ms, the end three times.</summary>
    private static byte[][] Press(byte code, ushort firstSequence, uint timestamp, uint ssrc = 0x5555) =>
    [
        Packets.Event(code, false, 160, firstSequence, timestamp, ssrc, marker: true),
        Packets.Event(code, false, 320, (ushort)(firstSequence + 1), timestamp, ssrc),
        Packets.Event(code, false, 480, (ushort)(firstSequence + 2), timestamp, ssrc),
        Packets.Event(code, false, 640, (ushort)(firstSequence + 3), timestamp, ssrc),
        Packets.Event(code, true, 800, (ushort)(firstSequence + 4), timestamp, ssrc),
        Packets.Event(code, true, 800, (ushort)(firstSequence + 5), timestamp, ssrc),
        Packets.Event(code, true, 800, (ushort)(firstSequence + 6), timestamp, ssrc),
    ];

    [Fact]
    public void A_key_press_with_its_repeated_end_packets_is_one_key()
    {
        Assert.Equal("5", Feed(Press(5, 100, 8000)));
        Assert.Equal(1, _decoder.Digits);
        Assert.Equal(6, _decoder.Repeats);
    }

    [Fact]
    public void End_packets_that_reuse_one_sequence_number_are_one_key_too()
    {
        // The sip-tester pcaps send the three end packets with the same sequence number (performance.md §4).
        var end = Packets.Event(1, true, 2240, 20, 4000);
        Assert.Equal("1", Feed(Packets.Event(1, false, 320, 19, 4000, marker: true), end, end, end));
    }

    [Fact]
    public void An_event_first_seen_as_an_end_packet_counts_once()
    {
        var press = Press(9, 10, 1600);
        Assert.Equal("9", Feed(press[4], press[5], press[6]));
        Assert.Equal(1, _decoder.Digits);
    }

    [Fact]
    public void Reordered_packets_of_one_event_are_one_key()
    {
        var press = Press(11, 10, 1600);
        Assert.Equal("#", Feed(press[4], press[1], press[0], press[6], press[2], press[5], press[3]));
    }

    [Fact]
    public void The_same_key_twice_in_a_row_is_two_keys_because_the_timestamps_differ()
    {
        Assert.Equal("33", Feed([.. Press(3, 10, 1600), .. Press(3, 17, 4000)]));
        Assert.Equal(2, _decoder.Digits);
    }

    [Fact]
    public void A_late_packet_of_an_earlier_event_is_stale_and_not_a_second_key()
    {
        var first = Press(1, 10, 1600);
        var second = Press(2, 17, 4000);
        Assert.Equal("12", Feed(first[0], first[4], second[0], first[5], second[4], first[6], second[5]));
        Assert.Equal(2, _decoder.Stale);
    }

    [Fact]
    public void Keys_are_told_apart_across_a_timestamp_wrap()
    {
        Assert.Equal("78", Feed([.. Press(7, 10, uint.MaxValue - 100), .. Press(8, 17, 700)]));
    }

    [Fact]
    public void A_new_SSRC_starts_afresh_even_with_an_older_timestamp()
    {
        Assert.Equal("45", Feed([.. Press(4, 10, 90_000, ssrc: 1), .. Press(5, 500, 1600, ssrc: 2)]));
    }

    [Fact]
    public void Flash_and_other_events_are_not_keys()
    {
        Assert.Equal("", Feed(Packets.Event(TelephoneEvent.Flash, false, 160, 1, 1600), Packets.Event(TelephoneEvent.Flash, true, 800, 2, 1600)));
        Assert.Equal("", Feed(Packets.Event(32, true, 800, 3, 4000))); // a modem tone (RFC 4734)
        Assert.Equal(2, _decoder.Ignored);
        Assert.Equal(0, _decoder.Digits);
    }

    [Fact]
    public void A_long_press_continued_as_a_new_segment_is_still_one_key()
    {
        // RFC 4733 §2.5.1.3: at 0xFFFF ticks the sender reports the maximum without E, then goes on from ts + 0xFFFF.
        Assert.Equal("0", Feed(
            Packets.Event(0, false, 160, 1, 1000, marker: true),
            Packets.Event(0, false, ushort.MaxValue, 2, 1000),
            Packets.Event(0, false, 160, 3, 1000 + ushort.MaxValue),
            Packets.Event(0, true, 800, 4, 1000 + ushort.MaxValue)));
    }

    [Fact]
    public void A_short_payload_is_malformed_and_ignored()
    {
        Assert.False(_decoder.TryDecode(1, 1600, [5, 0x80, 0], out _));
        Assert.Equal(1, _decoder.Malformed);
    }

    [Fact]
    public void The_encoder_sends_marker_first_growing_durations_and_three_identical_ends()
    {
        var encoder = new TelephoneEventEncoder();
        Assert.False(encoder.IsActive);
        encoder.Start('#', timestamp: 4242, TimeSpan.FromMilliseconds(100));
        var payload = new byte[4];
        var sent = new List<(TelephoneEvent Event, bool Marker)>();
        while (encoder.TryWriteNext(payload, out var marker))
        {
            Assert.True(TelephoneEvent.TryParse(payload, out var value));
            sent.Add((value, marker));
        }

        Assert.Equal(4242u, encoder.Timestamp);
        Assert.Equal(7, sent.Count);
        Assert.Equal([true, false, false, false, false, false, false], sent.Select(s => s.Marker));
        Assert.Equal(new ushort[] { 160, 320, 480, 640, 800, 800, 800 }, sent.Select(s => s.Event.Duration));
        Assert.Equal([false, false, false, false, true, true, true], sent.Select(s => s.Event.End));
        Assert.All(sent, s => Assert.Equal(11, s.Event.Event));
    }

    [Fact]
    public void Every_key_the_encoder_sends_comes_out_of_the_decoder_once()
    {
        var encoder = new TelephoneEventEncoder();
        var payload = new byte[4];
        var keys = "";
        var timestamp = 0u;
        foreach (var key in "0123456789*#ABCD")
        {
            encoder.Start(key, timestamp, TimeSpan.FromMilliseconds(60));
            while (encoder.TryWriteNext(payload, out _))
                if (_decoder.TryDecode(7, timestamp, payload, out var decoded))
                    keys += decoded;
            timestamp += 1600;
        }
        Assert.Equal("0123456789*#ABCD", keys);
    }

    [Fact]
    public void The_encoder_refuses_what_it_cannot_send()
    {
        var encoder = new TelephoneEventEncoder();
        Assert.Throws<ArgumentException>(() => encoder.Start('x', 0, TimeSpan.FromMilliseconds(100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Start('1', 0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Start('1', 0, TimeSpan.FromSeconds(9)));
    }
}
