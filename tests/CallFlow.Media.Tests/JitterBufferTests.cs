namespace CallFlow.Media.Tests;

public sealed class JitterBufferTests
{
    private readonly byte[] _frame = new byte[160];

    /// <summary>Each packet's payload is its sequence number's low byte, so the frames show the order they came out in.</summary>
    private static byte[] PayloadOf(ushort sequence) => Packets.Frame((byte)sequence);

    private void Insert(JitterBuffer buffer, params ushort[] sequences)
    {
        foreach (var sequence in sequences)
            buffer.Insert(sequence, PayloadOf(sequence));
    }

    /// <summary>Plays <paramref name="ticks"/> frames; each becomes its fill byte, "-" when nothing came out.</summary>
    private List<string> Play(JitterBuffer buffer, int ticks)
    {
        var played = new List<string>();
        for (var i = 0; i < ticks; i++)
        {
            var result = buffer.Playout(_frame);
            played.Add(result switch
            {
                JitterBufferPlayout.None => "-",
                JitterBufferPlayout.Concealed => _frame.All(b => b == 0xFF) ? "silence" : "bad concealment",
                _ => _frame.All(b => b == _frame[0]) ? _frame[0].ToString() : "mixed",
            });
        }
        return played;
    }

    [Fact]
    public void Packets_in_order_play_in_order_after_the_prefill()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 10);
        Assert.Equal(["-"], Play(buffer, 1)); // one packet waits a tick for company
        Insert(buffer, 11, 12);
        Assert.Equal(["10", "11", "12", "-"], Play(buffer, 4));
        Assert.Equal(3, buffer.Played);
        Assert.Equal(0, buffer.Lost);
    }

    [Fact]
    public void Reordered_packets_come_out_in_sequence_order()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 3);
        Insert(buffer, 12, 10, 11, 15, 13, 14);
        Assert.Equal(["10", "11", "12", "13", "14", "15"], Play(buffer, 6));
        Assert.Equal(0, buffer.Lost + buffer.Late + buffer.Duplicates);
    }

    [Fact]
    public void Duplicates_are_dropped_whether_waiting_or_already_played()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 1, 2);
        Assert.Equal(JitterBufferInsert.Duplicate, buffer.Insert(2, PayloadOf(2)));
        Assert.Equal(["1"], Play(buffer, 1));
        Assert.Equal(JitterBufferInsert.Duplicate, buffer.Insert(1, PayloadOf(1)));
        Assert.Equal(["2"], Play(buffer, 1));
        Assert.Equal(2, buffer.Duplicates);
        Assert.Equal(0, buffer.Late);
    }

    [Fact]
    public void A_gap_is_played_as_silence_and_counted_lost_and_the_straggler_is_late()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 1, 2, 4, 5);
        Assert.Equal(["1", "2", "silence", "4"], Play(buffer, 4));
        Assert.Equal(JitterBufferInsert.Late, buffer.Insert(3, PayloadOf(3)));
        Assert.Equal(["5", "-"], Play(buffer, 2));
        Assert.Equal(1, buffer.Lost);
        Assert.Equal(1, buffer.Late);
        Assert.Equal(1, buffer.Underruns);
    }

    [Fact]
    public void A_packet_arriving_before_its_turn_fills_its_gap()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 1, 3);
        Assert.Equal(["1"], Play(buffer, 1));
        Insert(buffer, 2);
        Assert.Equal(["2", "3"], Play(buffer, 2));
        Assert.Equal(0, buffer.Lost);
    }

    [Fact]
    public void Sequence_numbers_wrap_around_at_65536()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 65534, 65535, 1, 0, 2);
        Assert.Equal(["254", "255", "0", "1", "2"], Play(buffer, 5));
        Assert.Equal(0, buffer.Lost + buffer.Late);
        Assert.Equal(JitterBufferInsert.Duplicate, buffer.Insert(65535, PayloadOf(65535)));
    }

    [Fact]
    public void A_packet_more_than_the_capacity_ahead_pushes_the_oldest_out()
    {
        var buffer = new JitterBuffer(capacity: 4, prefill: 2);
        Insert(buffer, 1, 2, 3);
        Insert(buffer, 6); // slots hold 3..6 now: 1 and 2 are thrown away, 4 and 5 never came
        Assert.Equal(2, buffer.Overflows);
        Assert.Equal(["3", "silence", "silence", "6"], Play(buffer, 4));
        Assert.Equal(2, buffer.Lost);
    }

    [Fact]
    public void A_far_jump_is_followed_only_when_a_second_packet_confirms_it()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 1);
        Insert(buffer, 100);
        Assert.Equal(["100"], Play(buffer, 1));
        Assert.Equal(JitterBufferInsert.Invalid, buffer.Insert(30_000, PayloadOf(30_000)));
        Assert.Equal(JitterBufferInsert.Accepted, buffer.Insert(30_001, PayloadOf(30_001)));
        Assert.Equal([((ushort)30_001 & 0xFF).ToString()], Play(buffer, 1));
    }

    [Fact]
    public void Skipped_sequence_numbers_are_stepped_over_without_counting_a_loss()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 1, 2);
        buffer.Skip(3);
        buffer.Skip(4);
        Insert(buffer, 5);
        Assert.Equal(["1", "2", "5"], Play(buffer, 3));
        Assert.Equal(0, buffer.Lost);
    }

    [Fact]
    public void A_lone_packet_plays_after_waiting_the_prefill_in_ticks()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 3);
        Insert(buffer, 7);
        Assert.Equal(["-", "-", "7", "-"], Play(buffer, 4));
    }

    [Fact]
    public void After_running_dry_it_waits_for_the_prefill_again()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        Insert(buffer, 1, 2);
        Assert.Equal(["1", "2", "-"], Play(buffer, 3));
        Assert.False(buffer.IsPlaying);
        Insert(buffer, 3);
        Assert.Equal(["-"], Play(buffer, 1));
        Insert(buffer, 4);
        Assert.Equal(["3", "4"], Play(buffer, 2));
    }

    [Fact]
    public void Packets_of_30_ms_are_cut_into_20_ms_frames()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 2);
        buffer.Insert(1, Packets.Frame(0x11, 240));
        buffer.Insert(2, Packets.Frame(0x22, 240));
        var output = new List<byte>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(JitterBufferPlayout.Audio, buffer.Playout(_frame));
            output.AddRange(_frame);
        }
        Assert.Equal([.. Packets.Frame(0x11, 240), .. Packets.Frame(0x22, 240)], output);
    }

    [Fact]
    public void A_lost_packet_is_concealed_with_as_much_silence_as_the_last_one_held()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 1, silence: 0xD5);
        buffer.Insert(1, Packets.Frame(0x11, 80));
        buffer.Insert(3, Packets.Frame(0x33, 80));
        var frame = new byte[80];
        var output = new List<byte>();
        for (var i = 0; i < 3; i++)
        {
            buffer.Playout(frame);
            output.AddRange(frame);
        }
        Assert.Equal([.. Packets.Frame(0x11, 80), .. Packets.Frame(0xD5, 80), .. Packets.Frame(0x33, 80)], output);
    }

    [Fact]
    public void Empty_and_oversized_payloads_are_refused()
    {
        var buffer = new JitterBuffer(maxPayload: 160);
        Assert.Equal(JitterBufferInsert.Invalid, buffer.Insert(1, []));
        Assert.Equal(JitterBufferInsert.Invalid, buffer.Insert(1, new byte[161]));
        Assert.Equal(2, buffer.Invalid);
        Assert.Equal(0, buffer.Depth);
    }

    [Fact]
    public void A_packet_that_overtook_the_first_one_moves_the_start_back()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 3);
        Insert(buffer, 11, 10, 12);
        Assert.Equal(["10", "11", "12"], Play(buffer, 3));
    }

    [Fact]
    public void Reset_forgets_the_stream_but_keeps_the_counters()
    {
        var buffer = new JitterBuffer(capacity: 8, prefill: 1);
        Insert(buffer, 1, 3);
        Play(buffer, 3);
        buffer.Reset();
        Insert(buffer, 500);
        Assert.Equal(["244"], Play(buffer, 1));
        Assert.Equal(1, buffer.Lost);
    }
}
