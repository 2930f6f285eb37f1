using System.Diagnostics;
using System.Text;
using CallFlow.Sip.Sdp;
using CsCheck;

namespace CallFlow.Sip.Tests;

/// <summary>
/// Mutated and hostile input: the parser, framer and typed accessors must return results, never throw, and stay
/// fast. Seeds are fixed (see <see cref="Fuzz"/>).
/// </summary>
public sealed class SipFuzzTests
{
    /// <summary>These tests have always drawn from their own PCG stream; keeping it keeps their inputs.</summary>
    private const uint Stream = 4475;

    private static readonly byte[][] Corpus = [.. TortureCorpus.Names.Select(TortureCorpus.Load), Messages.Bytes(Messages.Invite)];

    private static readonly byte[][] Valid = [.. Corpus.Where(b => SipParser.TryParse(b, out _, out _))];

    [Fact]
    public void Truncation_at_every_length_never_throws()
    {
        foreach (var message in Corpus)
            for (var length = 0; length <= message.Length; length++)
            {
                ParseEverything(message.AsSpan(0, length));
                if (length % 7 == 0)
                    FrameEverything(message.AsSpan(0, length), 13);
            }
    }

    [Fact]
    public void Bit_flips_never_throw_and_what_parses_round_trips()
    {
        var gen = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[1, 8].SelectMany(n => Gen.Int[0, int.MaxValue].Array[n]));
        Fuzz.Sample(gen, t =>
        {
            var bytes = (byte[])Valid[t.Item1].Clone();
            foreach (var r in t.Item2)
                bytes[r % bytes.Length] ^= (byte)(1 << (r / bytes.Length % 8));
            if (ParseEverything(bytes) is { } message)
            {
                Assert.True(SipParser.TryParse(message.ToBytes(), out var again, out var error), $"re-parse failed: {error}");
                Assert.Equal(message.Headers.Count(h => h.Name != "Content-Length"), again.Headers.Count(h => h.Name != "Content-Length"));
            }
            FrameEverything(bytes, 1 + t.Item2[0] % 64);
        }, seed: 1, iterations: 3000, stream: Stream);
    }

    [Fact]
    public void Byte_insertions_and_deletions_never_throw()
    {
        var special = "\r\n \t:;,<>\"\\%@=?/[]*0"u8.ToArray();
        var gen = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, int.MaxValue].Array[1, 6], Gen.Bool);
        Fuzz.Sample(gen, t =>
        {
            var list = Valid[t.Item1].ToList();
            foreach (var r in t.Item2)
            {
                var at = r % (list.Count + 1);
                if (t.Item3 && at < list.Count)
                    list.RemoveAt(at);
                else
                    list.Insert(at, special[r % special.Length]);
            }
            ParseEverything([.. list]);
            FrameEverything([.. list], 5);
        }, seed: 2, iterations: 3000, stream: Stream);
    }

    [Fact]
    public void Duplicated_header_lines_never_throw_and_single_valued_ones_are_refused()
    {
        var gen = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, 1000], Gen.Int[1, 40]);
        Fuzz.Sample(gen, t =>
        {
            var text = Encoding.Latin1.GetString(Valid[t.Item1]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var lines = text[..end].Split("\r\n").ToList();
            var pick = 1 + t.Item2 % (lines.Count - 1);
            if (lines[pick].StartsWith(' ') || lines[pick].StartsWith('\t'))
                return;
            for (var i = 0; i < t.Item3; i++)
                lines.Insert(pick, lines[pick]);
            var bytes = Encoding.Latin1.GetBytes(string.Join("\r\n", lines) + text[end..]);
            var message = ParseEverything(bytes);
            var name = SipHeaderNames.Canonicalize(lines[pick].Split(':')[0].Trim());
            if (name is "From" or "To" or "Call-ID" or "CSeq" or "Max-Forwards" or "Content-Length" or "Content-Type")
                Assert.Null(message);
        }, seed: 3, iterations: 1500, stream: Stream);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Fuzz.Sample(Gen.Byte.Array[0, 2000], bytes =>
        {
            ParseEverything(bytes);
            FrameEverything(bytes, 3);
        }, seed: 4, iterations: 2000, stream: Stream);
        Fuzz.Sample(Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Byte.Array[1, 300]), t =>
        {
            var bytes = Valid[t.Item1].Concat(t.Item2).ToArray();
            ParseEverything(bytes);
            FrameEverything(bytes, 11);
        }, seed: 5, iterations: 1000, stream: Stream);
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK1", ",SIP/2.0/UDP h;rport", 2000)]
    [InlineData("To: <sip:b@y>", ";a=\"\\\"", 4000)]
    [InlineData("To: <sip:b@y>", "\"<", 7000)]
    [InlineData("Call-ID: id1", "@", 7000)]
    [InlineData("From: <sip:a@x>;tag=1", ";p", 7000)]
    [InlineData("To: <sip:b@y>", ",<sip:b@y>", 3000)]
    public void Huge_values_stay_bounded_in_time(string line, string unit, int repeat)
    {
        var text = Messages.Request().Replace(line, line + string.Concat(Enumerable.Repeat(unit, repeat)));
        var wide = new SipParserLimits(1 << 20, 256, 1 << 20, 1 << 16);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            ParseEverything(Messages.Bytes(text));
            ParseEverything(Messages.Bytes(text), wide);
        }
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Limits_hold_for_floods()
    {
        var manyHeaders = Messages.Request("OPTIONS", Enumerable.Repeat("X: 1", 300).ToArray());
        Assert.Equal(SipParseErrorKind.TooManyHeaders, Messages.Fail(manyHeaders).Kind);
        var longLine = Messages.Request("OPTIONS", "X: " + new string('a', 20_000));
        Assert.Equal(SipParseErrorKind.LineTooLong, Messages.Fail(longLine).Kind);
        var folded = Messages.Request("OPTIONS", "X: a" + string.Concat(Enumerable.Repeat("\r\n b", 5000)));
        Assert.Equal(SipParseErrorKind.LineTooLong, Messages.Fail(folded).Kind);
        var hugeSection = Messages.Request("OPTIONS", Enumerable.Repeat("X: " + new string('a', 4000), 20).ToArray());
        Assert.Equal(SipParseErrorKind.HeaderSectionTooLarge, Messages.Fail(hugeSection).Kind);
    }

    [Fact]
    public void Mutated_sdp_never_throws()
    {
        var offer = Encoding.UTF8.GetBytes(SdpAnswererTests.Offer);
        var gen = Gen.Int[0, int.MaxValue].Array[1, 10];
        var special = "\r\n =:/ 0a"u8.ToArray();
        Fuzz.Sample(gen, rs =>
        {
            var bytes = (byte[])offer.Clone();
            foreach (var r in rs)
                bytes[r % bytes.Length] = r % 3 == 0 ? special[r % special.Length] : (byte)(r >> 8);
            if (SdpSessionDescription.TryParse(bytes, out var description, out _))
            {
                _ = description.ToString();
                _ = new SdpAnswerer(1).Answer(description, "192.0.2.10", 40000, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent]);
            }
        }, seed: 6, iterations: 3000, stream: Stream);
    }

    /// <summary>Parses and reads every typed view; returns the message when it parsed.</summary>
    private static SipMessage? ParseEverything(ReadOnlySpan<byte> bytes, SipParserLimits? limits = null)
    {
        if (!SipParser.TryParse(bytes, limits ?? SipParserLimits.Default, out var message, out var error))
        {
            Assert.NotNull(error);
            Assert.NotNull(error.Message);
            if (error.ShouldRespond)
                Touch(error.CreateResponse("x"));
            else
                Assert.Equal(0, error.StatusCode == 0 ? 0 : error.Request is null ? 0 : 1);
            return null;
        }
        Touch(message);
        return message;
    }

    private static void FrameEverything(ReadOnlySpan<byte> bytes, int chunk)
    {
        using var framer = new SipStreamFramer();
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            framer.Append(bytes.Slice(i, Math.Min(chunk, bytes.Length - i)));
            for (var guard = 0; guard < 100; guard++)
            {
                var status = framer.TryRead(out var message, out var error);
                if (status == SipFramerStatus.Message)
                    Touch(message!);
                else if (status == SipFramerStatus.Error)
                    Assert.NotNull(error);
                if (status == SipFramerStatus.NeedMoreData || framer.IsFaulted)
                    break;
            }
        }
    }

    private static void Touch(SipMessage m)
    {
        _ = (m.Vias, m.TopVia, m.From, m.To, m.CallId, m.CSeq, m.MaxForwards, m.ContentLength, m.ContentType, m.Contacts);
        _ = (m.IsContactWildcard, m.Routes, m.RecordRoutes, m.Expires, m.Event, m.SubscriptionState, m.ReferTo, m.Diversions, m.HistoryInfo);
        foreach (var h in m.Headers)
            _ = SipHeaders.SplitList(h.Value);
        _ = m.ToBytes();
        if (m.IsRequest)
            _ = m.CreateResponse(400, toTag: "t").ToBytes();
        if (m.ContentType?.IsSdp == true && SdpSessionDescription.TryParse(m.Body.Span, out var sdp, out _))
            _ = new SdpAnswerer(7).Answer(sdp, "192.0.2.1", 4000, [SdpCodec.Pcmu]);
    }
}
