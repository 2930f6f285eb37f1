using System.Buffers.Binary;

namespace CallFlow.Media;

/// <summary>
/// The 4-byte payload of an RFC 4733 telephone-event packet (§2.3): event code, end bit, volume and duration. Codes
/// 0-9 are the digits, 10 '*', 11 '#', 12-15 A-D, 16 flash (§3.2).
/// </summary>
/// <param name="Event">The event code.</param>
/// <param name="End">Set on the final packet(s) of the event.</param>
/// <param name="Volume">Power level in dBm0 below zero, 0..63 (for DTMF, 0..36 in practice).</param>
/// <param name="Duration">Length so far in timestamp units (8 kHz ticks), from the event's RTP timestamp.</param>
/// <example><code>TelephoneEvent.TryParse([0x05, 0x8A, 0x03, 0x20], out var e) // e = (5, End: true, 10, 800): '5' for 100 ms</code></example>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Bytes of one event payload.</summary>
    public const int Size = 4;

    /// <summary>Event code of a hook flash, which CallFlow ignores.</summary>
    public const byte Flash = 16;

    /// <summary>Reads the first four bytes; false when fewer are present. Trailing bytes are ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        if (payload.Length < Size)
        {
            value = default;
            return false;
        }
        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the four bytes (the reserved bit as 0); false when <paramref name="destination"/> is too short.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Size)
            return false;
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return true;
    }

    /// <summary>The key of a DTMF event code ('0'-'9', '*', '#', 'A'-'D'), or '\0' for flash and everything else.</summary>
    public static char ToDigit(byte eventCode) => eventCode switch
    {
        <= 9 => (char)('0' + eventCode),
        10 => '*',
        11 => '#',
        <= 15 => (char)('A' + eventCode - 12),
        _ => '\0',
    };

    /// <summary>The event code of a key ('0'-'9', '*', '#', 'A'-'D', lower case accepted); false for anything else.</summary>
    public static bool TryGetEventCode(char digit, out byte eventCode)
    {
        eventCode = digit switch
        {
            >= '0' and <= '9' => (byte)(digit - '0'),
            '*' => 10,
            '#' => 11,
            >= 'A' and <= 'D' => (byte)(digit - 'A' + 12),
            >= 'a' and <= 'd' => (byte)(digit - 'a' + 12),
            _ => byte.MaxValue,
        };
        return eventCode != byte.MaxValue;
    }
}
