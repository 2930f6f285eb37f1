namespace CallFlow.Audio.Tests;

public sealed class G711Tests
{
    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]          // µ-law's "negative zero"
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xFE, 8)]
    [InlineData(0x7E, -8)]
    [InlineData(0xF0, 120)]        // inverted 0x0F: exponent 0, mantissa 15 → (2·15 + 33)·1 − 33 = 30, ×4
    [InlineData(0xEF, 132)]        // inverted 0x10: exponent 1, mantissa 0 → (2·0 + 33)·2 − 33 = 33, ×4
    public void Mu_law_decodes_to_the_G711_values(int code, int expected) =>
        Assert.Equal(expected, G711.Decode((byte)code, G711Law.MuLaw));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    // G.711 A-law: bit 7 set means positive, and the even bits are inverted, so the largest positive value is
    // 0xFF ^ 0x55 = 0xAA. (Python's audioop.alaw2lin agrees: 0xAA → 32256, 0x2A → -32256.)
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xD4, 24)]
    [InlineData(0xC5, 264)]        // exponent 1, mantissa 0: (2·0 + 33)·1 ×8
    public void A_law_decodes_to_the_G711_values(int code, int expected) =>
        Assert.Equal(expected, G711.Decode((byte)code, G711Law.ALaw));

    [Fact]
    public void Every_code_decodes_as_the_ITU_reference_does()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(G711Reference.UlawExpand((byte)code), G711.Decode((byte)code, G711Law.MuLaw));
            Assert.Equal(G711Reference.AlawExpand((byte)code), G711.Decode((byte)code, G711Law.ALaw));
        }
    }

    [Fact]
    public void Every_16_bit_sample_encodes_as_the_ITU_reference_does()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            Assert.Equal(G711Reference.UlawCompress((short)x), G711.Encode((short)x, G711Law.MuLaw));
            Assert.Equal(G711Reference.AlawCompress((short)x), G711.Encode((short)x, G711Law.ALaw));
        }
    }

    [Theory]
    [InlineData(0, 0xFF, 0xD5)]
    [InlineData(-1, 0x7F, 0x55)]   // one's complement: -1 mirrors 0
    [InlineData(short.MaxValue, 0x80, 0xAA)]
    [InlineData(short.MinValue, 0x00, 0x2A)]
    public void Encodes_the_edges(short sample, int muLaw, int aLaw)
    {
        Assert.Equal(muLaw, G711.Encode(sample, G711Law.MuLaw));
        Assert.Equal(aLaw, G711.Encode(sample, G711Law.ALaw));
    }

    [Fact]
    public void Decoding_then_encoding_gives_back_every_code()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(code, G711.Encode(G711.Decode((byte)code, G711Law.ALaw), G711Law.ALaw));
            // µ-law has two zeros; 0x7F comes back as the canonical 0xFF that encode(0) gives.
            Assert.Equal(code == 0x7F ? 0xFF : code, G711.Encode(G711.Decode((byte)code, G711Law.MuLaw), G711Law.MuLaw));
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw, 255)]
    [InlineData(G711Law.ALaw, 256)]
    public void Codes_decode_to_distinct_values_except_mu_laws_two_zeros(G711Law law, int distinct) =>
        Assert.Equal(distinct, Enumerable.Range(0, 256).Select(c => G711.Decode((byte)c, law)).Distinct().Count());

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Quantising_is_monotonic_and_close(G711Law law)
    {
        var previous = short.MinValue;
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            var quantised = G711.Decode(G711.Encode((short)x, law), law);
            Assert.True(quantised >= previous, $"{law}: {x} quantises to {quantised}, below {previous} for {x - 1}");
            // Each segment holds 16 steps and starts at 16 steps or more from zero, so half a step is under |x|/32;
            // past the top level (±32124 or ±32256) the error is the clipping, still under |x|/16.
            Assert.True(Math.Abs(quantised - x) <= Math.Max(16, Math.Abs(x) / 16), $"{law}: {x} quantises to {quantised}");
            previous = quantised;
        }
    }

    [Fact]
    public void Mu_law_values_rise_through_the_negative_codes_and_fall_through_the_positive_ones()
    {
        for (var code = 1; code < 128; code++)
        {
            Assert.True(G711.Decode((byte)code, G711Law.MuLaw) > G711.Decode((byte)(code - 1), G711Law.MuLaw));
            Assert.True(G711.Decode((byte)(code + 128), G711Law.MuLaw) < G711.Decode((byte)(code + 127), G711Law.MuLaw));
        }
    }

    [Theory]
    [InlineData(G711Law.MuLaw)]
    [InlineData(G711Law.ALaw)]
    public void Span_apis_match_the_single_sample_ones_and_allocate_nothing(G711Law law)
    {
        var codes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 37)).ToArray();
        var samples = new short[codes.Length];
        var encoded = new byte[codes.Length];
        G711.Decode(codes, samples, law); // warm up: static tables and JIT
        G711.Encode(samples, encoded, law);

        var before = GC.GetAllocatedBytesForCurrentThread();
        G711.Decode(codes, samples, law);
        G711.Encode(samples, encoded, law);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        for (var i = 0; i < codes.Length; i++)
        {
            Assert.Equal(G711.Decode(codes[i], law), samples[i]);
            Assert.Equal(G711.Encode(samples[i], law), encoded[i]);
        }
    }

    [Fact]
    public void Span_apis_refuse_a_short_destination()
    {
        Assert.Throws<ArgumentException>(() => G711.Decode(new byte[3], new short[2], G711Law.MuLaw));
        Assert.Throws<ArgumentException>(() => G711.Encode(new short[3], new byte[2], G711Law.ALaw));
    }

    [Theory]
    [InlineData(G711Law.MuLaw, G711Law.ALaw)]
    [InlineData(G711Law.ALaw, G711Law.MuLaw)]
    [InlineData(G711Law.ALaw, G711Law.ALaw)]
    public void Transcoding_looks_up_what_decoding_and_encoding_give_for_every_code(G711Law from, G711Law to)
    {
        var codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        // Sample by sample through linear PCM (SampleConverter's law-to-law path uses the tables under test).
        var expected = codes.Select(c => from == to ? c : G711.Encode(G711.Decode(c, from), to)).ToArray();
        var transcoded = new byte[256];
        G711.Transcode(codes, from, transcoded, to);
        Assert.Equal(expected, transcoded);

        var before = GC.GetAllocatedBytesForCurrentThread();
        G711.Transcode(codes, from, transcoded, to);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Throws<ArgumentException>(() => G711.Transcode(codes, from, new byte[255], to));
    }
}
