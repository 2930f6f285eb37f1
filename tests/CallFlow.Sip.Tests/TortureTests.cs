namespace CallFlow.Sip.Tests;

/// <summary>
/// RFC 4475 §3: every message with the outcome CallFlow gives it. "parse" means accepted by the parser (the
/// application may still refuse it: 416, 420, 415, 483, 501…); a number is the error response; "drop" means
/// dropped silently. Where the RFC allows either (baddate, lwsstart, trws, escruri, mismatch02) the choice is
/// documented in docs/sip.md.
/// </summary>
public sealed class TortureTests
{
    public static TheoryData<string, string> Expected => new()
    {
        // §3.1.1 valid messages: must parse.
        { "wsinv", "parse" }, { "intmeth", "parse" }, { "esc01", "parse" }, { "escnull", "parse" }, { "esc02", "parse" },
        { "lwsdisp", "parse" }, { "longreq", "parse" }, { "dblreq", "parse" }, { "semiuri", "parse" }, { "transports", "parse" },
        { "mpart01", "parse" }, { "unreason", "parse" }, { "noreason", "parse" },
        // §3.1.2 invalid messages.
        { "badinv01", "400 Malformed Via header" }, { "clerr", "400 Content-Length larger than the body" },
        { "ncl", "400 Malformed Content-Length header" }, { "scalar02", "400 Malformed CSeq header" }, { "scalarlg", "drop" },
        { "quotbal", "400 Malformed To header" }, { "ltgtruri", "400 Malformed Request-URI" }, { "lwsruri", "400 Malformed Request-Line" },
        { "lwsstart", "400 Malformed Request-Line" }, { "trws", "400 Malformed Request-Line" }, { "escruri", "400 Malformed Request-URI" },
        { "baddate", "parse" }, { "regbadct", "400 Malformed Contact header" }, { "badaspec", "400 Malformed To header" },
        { "baddn", "400 Malformed From header" }, { "badvers", "505 Version Not Supported" },
        { "mismatch01", "400 CSeq method does not match" }, { "mismatch02", "400 CSeq method does not match" }, { "bigcode", "drop" },
        // §3.2 transaction layer.
        { "badbranch", "parse" },
        // §3.3 application layer: the parser's part.
        { "insuf", "400 Missing From header" }, { "unkscm", "parse" }, { "novelsc", "parse" }, { "unksm2", "parse" },
        { "bext01", "parse" }, { "invut", "parse" }, { "regaut01", "parse" }, { "multi01", "400 Multiple From headers" },
        { "mcl01", "400 Multiple Content-Length headers" }, { "bcast", "parse" }, { "zeromf", "parse" }, { "cparam01", "parse" },
        { "cparam02", "parse" }, { "regescrt", "parse" }, { "sdp01", "parse" }, { "inv2543", "parse" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Message_has_the_expected_outcome(string name, string expected)
    {
        var bytes = TortureCorpus.Load(name);
        var ok = SipParser.TryParse(bytes, out var message, out var error);
        var actual = ok ? "parse" : error!.ShouldRespond ? $"{error.StatusCode} {error.ReasonPhrase}" : "drop";
        Assert.True(expected == actual, $"{name}: expected {expected}, got {actual} ({error})");
        if (ok)
            Assert.NotNull(message);
        else if (error!.ShouldRespond)
        {
            // RFC 3261 §8.2.6: the answer copies Via, From, To, Call-ID and CSeq as they came, broken or not.
            var response = error.CreateResponse("t1");
            Assert.Equal(error.StatusCode, response.StatusCode);
            Assert.Equal(error.Request!.Headers.GetAll("Via"), response.Headers.GetAll("Via"));
            Assert.StartsWith($"SIP/2.0 {error.StatusCode} {error.ReasonPhrase}\r\n", response.ToString());
        }
    }

    [Fact]
    public void Every_corpus_file_has_an_expectation_and_back()
    {
        var expected = Expected.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, TortureCorpus.Names.ToArray());
        Assert.Equal(49, expected.Length);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Valid_messages_round_trip_through_the_serializer(string name, string expected)
    {
        if (expected != "parse")
            return;
        Assert.True(SipParser.TryParse(TortureCorpus.Load(name), out var first, out _));
        var written = first.ToBytes();
        Assert.True(SipParser.TryParse(written, out var second, out var error), $"{name}: {error}");
        Assert.Equal(first.Method, second.Method);
        Assert.Equal(first.StatusCode, second.StatusCode);
        // The serializer always writes Content-Length (inv2543 came without one).
        Assert.Equal(first.Headers.Where(h => h.Name != "Content-Length").Select(h => (h.Name, h.Value)),
            second.Headers.Where(h => h.Name != "Content-Length").Select(h => (h.Name, h.Value)));
        Assert.Equal(first.Body.Length, second.ContentLength);
        Assert.Equal(first.Body.ToArray(), second.Body.ToArray());
        Assert.Equal(written, second.ToBytes());
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Stream_framer_agrees_with_the_datagram_parser_when_Content_Length_is_present(string name, string expected)
    {
        var bytes = TortureCorpus.Load(name);
        SipParser.TryParse(bytes, out var datagram, out _);
        using var framer = new SipStreamFramer();
        foreach (var b in bytes)
            framer.Append([b]);
        var status = framer.TryRead(out var message, out var error);
        if (expected == "parse" && datagram!.Headers.Contains("Content-Length"))
        {
            Assert.True(status == SipFramerStatus.Message, $"{name}: {status} {error}");
            Assert.Equal(datagram.Body.ToArray(), message!.Body.ToArray());
            Assert.Equal(datagram.Headers.Count, message.Headers.Count);
        }
        else
            Assert.NotEqual(SipFramerStatus.KeepAlive, status);
    }
}
