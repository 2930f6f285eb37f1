namespace CallFlow.Sip.Tests;

public sealed class SipParserTests
{
    [Fact]
    public void Parses_a_request_with_body_and_typed_headers()
    {
        var m = Messages.Parse(Messages.Invite);
        Assert.True(m.IsRequest);
        Assert.Equal("INVITE", m.Method);
        Assert.Equal("sip:vm@192.0.2.10", m.RequestUri!.ToString());
        Assert.Equal("SIP/2.0", m.Version);
        Assert.Equal(12, m.Headers.Count);
        Assert.Equal("v=0\n"u8.ToArray(), m.Body.ToArray());
        Assert.Equal("z9hG4bKabc1", m.TopVia!.Branch);
        Assert.Equal(2, m.Vias!.Count);
        Assert.Equal("Alice", m.From!.DisplayName);
        Assert.Equal("f1", m.From.Tag);
        Assert.Null(m.To!.Tag);
        Assert.Equal(70, m.MaxForwards);
    }

    [Fact]
    public void Parses_a_response()
    {
        var m = Messages.Parse(Messages.Lines("SIP/2.0 486 Busy Here", "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "From: <sip:a@x>;tag=1",
            "To: <sip:b@y>;tag=2", "Call-ID: id", "CSeq: 4 INVITE", "Content-Length: 0", ""));
        Assert.True(m.IsResponse);
        Assert.Equal(486, m.StatusCode);
        Assert.Equal("Busy Here", m.ReasonPhrase);
        Assert.Null(m.Method);
    }

    [Fact]
    public void Accepts_bare_LF_line_ends_and_leading_CRLFs()
    {
        var text = "\r\n\r\n" + Messages.Request().Replace("\r\n", "\n");
        Assert.Equal("OPTIONS", Messages.Parse(text).Method);
    }

    [Fact]
    public void Keep_alive_datagram_is_dropped()
    {
        var error = Messages.Fail("\r\n\r\n");
        Assert.Equal(SipParseErrorKind.KeepAlive, error.Kind);
        Assert.False(error.ShouldRespond);
        Assert.Equal(SipParseErrorKind.KeepAlive, Messages.Fail("").Kind);
    }

    [Theory]
    [InlineData("Hello world")]
    [InlineData("\u0001\u0002\u0003")]
    [InlineData("SIP/2.0 abc Oops")]
    [InlineData("SIP/2.0 99 Too small")]
    [InlineData("SIP/2.0 700 Too big")]
    [InlineData("SIP/3.0 200 OK")]
    public void Garbage_and_bad_status_lines_are_dropped(string startLine)
    {
        var error = Messages.Fail(Messages.Lines(startLine, "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "From: <sip:a@x>;tag=1", "To: <sip:b@y>",
            "Call-ID: id", "CSeq: 1 INVITE", "Content-Length: 0", ""));
        Assert.False(error.ShouldRespond);
    }

    [Fact]
    public void Request_without_Via_is_dropped()
    {
        var error = Messages.Fail(Messages.Lines("OPTIONS sip:a@b SIP/2.0", "From: <sip:a@x>;tag=1", "To: <sip:b@y>", "Call-ID: id",
            "CSeq: 1 OPTIONS", "Content-Length: 0", ""));
        Assert.Equal(SipParseErrorKind.NoUsableVia, error.Kind);
        Assert.False(error.ShouldRespond);
    }

    [Theory]
    [InlineData("Call-ID: a b", "Malformed Call-ID header")]
    [InlineData("Max-Forwards: 256", "Malformed Max-Forwards header")]
    [InlineData("Max-Forwards: -1", "Malformed Max-Forwards header")]
    [InlineData("Contact: <sip:a@b>;;", "Malformed Contact header")]
    [InlineData("Contact: *, <sip:a@b>", "Malformed Contact header")]
    [InlineData("Content-Type: application", "Malformed Content-Type header")]
    [InlineData("Max-Forwards: 7", "Multiple Max-Forwards headers")]
    [InlineData("Bad Name: x", "Malformed header line")]
    [InlineData("NoColon", "Malformed header line")]
    public void Bad_mandatory_headers_get_400_with_a_reason(string line, string reason)
    {
        var text = line.StartsWith("Call-ID", StringComparison.Ordinal) ? Messages.Request().Replace("Call-ID: id1", line)
            : line.StartsWith("Max-Forwards: ", StringComparison.Ordinal) && line != "Max-Forwards: 7" ? Messages.Request().Replace("Max-Forwards: 70", line)
            : Messages.Request("OPTIONS", line);
        var error = Messages.Fail(text);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal(reason, error.ReasonPhrase);
        Assert.True(error.ShouldRespond);
        Assert.Equal(400, error.CreateResponse().StatusCode);
    }

    [Fact]
    public void Contact_star_is_accepted()
    {
        var m = Messages.Parse(Messages.Request("REGISTER", "Contact: *", "Expires: 0"));
        Assert.True(m.IsContactWildcard);
        Assert.Null(m.Contacts);
        Assert.Equal(0u, m.Expires);
    }

    [Fact]
    public void Continuation_before_any_header_is_malformed()
    {
        var text = Messages.Request().Replace("SIP/2.0\r\nVia", "SIP/2.0\r\n  folded\r\nVia");
        Assert.Equal(SipParseErrorKind.MalformedHeaderLine, Messages.Fail(text).Kind);
    }

    [Fact]
    public void Missing_empty_line_gets_400()
    {
        var text = Messages.Request()[..^2];
        var error = Messages.Fail(text);
        Assert.Equal(SipParseErrorKind.MissingEmptyLine, error.Kind);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Body_without_Content_Length_is_the_rest_of_the_datagram()
    {
        var text = Messages.Request().Replace("Content-Length: 0\r\n", "") + "hello";
        Assert.Equal("hello"u8.ToArray(), Messages.Parse(text).Body.ToArray());
    }

    [Fact]
    public void Oversized_content_length_gets_513_and_absurd_ones_400()
    {
        var big = Messages.Fail(Messages.Request().Replace("Content-Length: 0", "Content-Length: 70000"));
        Assert.Equal((513, SipParseErrorKind.BodyTooLarge), (big.StatusCode, big.Kind));
        var absurd = Messages.Fail(Messages.Request().Replace("Content-Length: 0", "Content-Length: 99999999999999999999999"));
        Assert.Equal(SipParseErrorKind.MalformedContentLength, absurd.Kind);
        var five = Messages.Fail(Messages.Request().Replace("Content-Length: 0", "Content-Length: five"));
        Assert.Equal(SipParseErrorKind.MalformedContentLength, five.Kind);
    }

    [Fact]
    public void Limits_are_enforced_and_drop()
    {
        var limits = new SipParserLimits(2048, 10, 200, 1024);
        Assert.False(SipParser.TryParse(Messages.Bytes(Messages.Request("OPTIONS", Enumerable.Repeat("X-A: 1", 10).ToArray())), limits, out _, out var many));
        Assert.Equal(SipParseErrorKind.TooManyHeaders, many.Kind);
        Assert.False(SipParser.TryParse(Messages.Bytes(Messages.Request("OPTIONS", "X-Long: " + new string('a', 300))), limits, out _, out var line));
        Assert.Equal(SipParseErrorKind.LineTooLong, line.Kind);
        Assert.False(SipParser.TryParse(Messages.Bytes(Messages.Request("OPTIONS", Enumerable.Repeat("X-B: " + new string('b', 150), 20).ToArray())),
            limits with { MaxHeaderCount = 100 }, out _, out var section));
        Assert.Equal(SipParseErrorKind.HeaderSectionTooLarge, section.Kind);
        Assert.All([many, line, section], e => Assert.False(e.ShouldRespond));
    }

    [Fact]
    public void Responses_with_errors_are_never_answered()
    {
        var text = Messages.Lines("SIP/2.0 200 OK", "Via: SIP/2.0/UDP h;branch=z9hG4bK1", "From: <sip:a@x>;tag=1", "To: <sip:b@y>",
            "Call-ID: id", "CSeq: 1 INVITE", "CSeq: 2 INVITE", "Content-Length: 0", "");
        var error = Messages.Fail(text);
        Assert.Equal(SipParseErrorKind.DuplicateHeader, error.Kind);
        Assert.False(error.ShouldRespond);
        Assert.Null(error.Request);
        Assert.Throws<InvalidOperationException>(() => error.CreateResponse());
    }

    [Fact]
    public void Compact_and_odd_case_header_names_map_to_canonical_ones()
    {
        var m = Messages.Parse(Messages.Lines("OPTIONS sip:vm@x SIP/2.0", "v: SIP/2.0/UDP h;branch=z9hG4bK1", "f: <sip:a@x>;tag=1", "t: <sip:b@y>",
            "i: id", "cSEQ: 1 OPTIONS", "l: 0", ""));
        Assert.Equal(["Via", "From", "To", "Call-ID", "CSeq", "Content-Length"], m.Headers.Select(h => h.Name));
    }

    [Fact]
    public void Ack_and_cancel_carry_their_own_cseq_method()
    {
        Assert.Equal("ACK", Messages.Parse(Messages.Request("ACK")).CSeq!.Method);
        Assert.Equal(SipParseErrorKind.CSeqMethodMismatch, Messages.Fail(Messages.Request("ACK").Replace("CSeq: 1 ACK", "CSeq: 1 INVITE")).Kind);
    }
}
