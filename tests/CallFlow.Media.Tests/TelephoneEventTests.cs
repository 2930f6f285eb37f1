namespace CallFlow.Media.Tests;

public sealed class TelephoneEventTests
{
    [Fact]
    public void The_payload_round_trips_and_reads_as_RFC_4733_section_2_3_draws_it()
    {
        byte[] bytes = [0x05, 0x8A, 0x03, 0x20];
        Assert.True(TelephoneEvent.TryParse(bytes, out var value));
        Assert.Equal(new TelephoneEvent(5, End: true, Volume: 10, Duration: 800), value);

        var written = new byte[4];
        Assert.True(value.TryWrite(written));
        Assert.Equal(bytes, written);
        Assert.False(TelephoneEvent.TryParse(bytes.AsSpan(0, 3), out _));
    }

    [Fact]
    public void The_reserved_bit_is_ignored_on_reading()
    {
        Assert.True(TelephoneEvent.TryParse([0x0B, 0x40 | 0x0A, 0, 160], out var value));
        Assert.Equal(new TelephoneEvent(11, End: false, Volume: 10, Duration: 160), value);
    }

    [Fact]
    public void Event_codes_map_to_the_sixteen_keys_and_flash_to_nothing()
    {
        var keys = string.Concat(Enumerable.Range(0, 16).Select(code => TelephoneEvent.ToDigit((byte)code)));
        Assert.Equal("0123456789*#ABCD", keys);
        Assert.Equal('\0', TelephoneEvent.ToDigit(TelephoneEvent.Flash));
        Assert.Equal('\0', TelephoneEvent.ToDigit(255));
        foreach (var key in "0123456789*#ABCDabcd")
        {
            Assert.True(TelephoneEvent.TryGetEventCode(key, out var code));
            Assert.Equal(char.ToUpperInvariant(key), TelephoneEvent.ToDigit(code));
        }
        Assert.False(TelephoneEvent.TryGetEventCode('E', out _));
        Assert.False(TelephoneEvent.TryGetEventCode(' ', out _));
    }
}
