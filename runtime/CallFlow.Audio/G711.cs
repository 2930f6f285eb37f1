namespace CallFlow.Audio;

/// <summary>
/// ITU-T G.711 µ-law and A-law between 16-bit linear PCM and 8-bit codes. Encoding follows the ITU-T G.191 reference
/// (g711.c): negative samples use the one's complement, so <c>x</c> and <c>-1 - x</c> land on mirror codes, and only
/// the top 14 (µ-law) or 13 (A-law) bits count. Decoding returns the middle of each code's interval, scaled to 16 bits.
/// </summary>
/// <example><code>G711.Encode(0, G711Law.MuLaw) == 0xFF; G711.Decode(0xD5, G711Law.ALaw) == 8</code></example>
public static class G711
{
    // µ-law and A-law both have a second zero-ish code: µ-law 0x7F decodes to 0 like 0xFF but encode(0) is 0xFF.
    private static readonly short[] MuLawTable = BuildTable(DecodeMuLawSlow);
    private static readonly short[] ALawTable = BuildTable(DecodeALawSlow);

    // Code to code through linear PCM (decode, then encode), looked up: 160 lookups a frame cost next to nothing on the
    // media clock's thread. SampleConverter's law-to-law conversions use them too.
    private static readonly byte[] MuLawToALawTable = BuildTranscodeTable(G711Law.MuLaw, G711Law.ALaw);
    private static readonly byte[] ALawToMuLawTable = BuildTranscodeTable(G711Law.ALaw, G711Law.MuLaw);

    /// <summary>
    /// Re-encodes codes of one law as the other (decode, then encode, the same as decoding to PCM and encoding again)
    /// into the start of <paramref name="destination"/> by table lookup; the same law is a copy. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Transcode(ReadOnlySpan<byte> source, G711Law from, Span<byte> destination, G711Law to)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"the destination holds {destination.Length} bytes but {source.Length} codes were given", nameof(destination));
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }
        var table = from == G711Law.MuLaw ? MuLawToALawTable : ALawToMuLawTable;
        for (var i = 0; i < source.Length; i++)
            destination[i] = table[source[i]];
    }

    /// <summary>Decodes one code to linear PCM, e.g. µ-law 0x00 → -32124, A-law 0xAA → 32256.</summary>
    public static short Decode(byte code, G711Law law) => law == G711Law.MuLaw ? MuLawTable[code] : ALawTable[code];

    /// <summary>Encodes one linear PCM sample, e.g. µ-law 0 → 0xFF, A-law 0 → 0xD5.</summary>
    public static byte Encode(short sample, G711Law law) => law == G711Law.MuLaw ? EncodeMuLaw(sample) : EncodeALaw(sample);

    /// <summary>Decodes every code of <paramref name="source"/> into the start of <paramref name="destination"/>; allocates nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Decode(ReadOnlySpan<byte> source, Span<short> destination, G711Law law)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"the destination holds {destination.Length} samples but {source.Length} codes were given", nameof(destination));
        var table = law == G711Law.MuLaw ? MuLawTable : ALawTable;
        for (var i = 0; i < source.Length; i++)
            destination[i] = table[source[i]];
    }

    /// <summary>Encodes every sample of <paramref name="source"/> into the start of <paramref name="destination"/>; allocates nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Encode(ReadOnlySpan<short> source, Span<byte> destination, G711Law law)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"the destination holds {destination.Length} bytes but {source.Length} samples were given", nameof(destination));
        if (law == G711Law.MuLaw)
            for (var i = 0; i < source.Length; i++)
                destination[i] = EncodeMuLaw(source[i]);
        else
            for (var i = 0; i < source.Length; i++)
                destination[i] = EncodeALaw(source[i]);
    }

    private static byte EncodeMuLaw(short sample)
    {
        // G.191 ulaw_compress: 14-bit magnitude plus the bias of 33, clipped to 13 bits; segment = position of the top bit.
        var magnitude = Math.Min((((sample < 0 ? ~sample : sample) >> 2) + 33), 0x1FFF);
        var segment = 33 - System.Numerics.BitOperations.LeadingZeroCount((uint)(magnitude >> 6)); // 1..8
        var code = ((8 - segment) << 4) | (15 - ((magnitude >> segment) & 0x0F));
        return (byte)(sample >= 0 ? code | 0x80 : code);
    }

    private static byte EncodeALaw(short sample)
    {
        // G.191 alaw_compress: 12-bit magnitude; above 15 the exponent is the top bit's position and the leading 1 drops.
        var magnitude = (sample < 0 ? ~sample : sample) >> 4; // 0..2047
        if (magnitude > 15)
        {
            var exponent = 28 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude); // 1..7
            magnitude = (exponent << 4) | ((magnitude >> (exponent - 1)) & 0x0F);
        }
        // Even bits are inverted on the line (G.711 §2), which is why A-law silence is 0xD5, not 0x80.
        return (byte)((sample >= 0 ? magnitude | 0x80 : magnitude) ^ 0x55);
    }

    private static short DecodeMuLawSlow(byte code)
    {
        // G.711 Table 2a: codes are sent inverted; value = (2·mantissa + 33)·2^exponent − 33 in 14-bit units.
        var inverted = ~code & 0xFF;
        var exponent = (inverted >> 4) & 0x07;
        var mantissa = inverted & 0x0F;
        var magnitude = (((2 * mantissa + 33) << exponent) - 33) * 4;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short DecodeALawSlow(byte code)
    {
        // G.711 Table 1a: exponent 0 is linear (2·mantissa + 1), otherwise (2·mantissa + 33)·2^(exponent−1), 13-bit units.
        var value = code ^ 0x55;
        var exponent = (value >> 4) & 0x07;
        var mantissa = value & 0x0F;
        var magnitude = (exponent == 0 ? 2 * mantissa + 1 : (2 * mantissa + 33) << (exponent - 1)) * 8;
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static byte[] BuildTranscodeTable(G711Law from, G711Law to)
    {
        var table = new byte[256];
        for (var code = 0; code < 256; code++)
            table[code] = Encode(Decode((byte)code, from), to);
        return table;
    }

    private static short[] BuildTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
            table[code] = decode((byte)code);
        return table;
    }
}
