namespace CallFlow.Sip.Tests;

public sealed class SipHeadersTests
{
    [Theory]
    [InlineData("i", "Call-ID")] [InlineData("m", "Contact")] [InlineData("f", "From")] [InlineData("t", "To")]
    [InlineData("v", "Via")] [InlineData("l", "Content-Length")] [InlineData("c", "Content-Type")] [InlineData("k", "Supported")]
    [InlineData("s", "Subject")] [InlineData("e", "Content-Encoding")] [InlineData("o", "Event")] [InlineData("r", "Refer-To")]
    [InlineData("b", "Referred-By")] [InlineData("u", "Allow-Events")] [InlineData("x", "Session-Expires")] [InlineData("y", "Identity")]
    [InlineData("V", "Via")] [InlineData("call-id", "Call-ID")] [InlineData("CSEQ", "CSeq")] [InlineData("X-Custom", "X-Custom")]
    public void Compact_forms_and_case_map_to_full_names(string name, string canonical) =>
        Assert.Equal(canonical, SipHeaderNames.Canonicalize(name));

    [Fact]
    public void Lookups_are_case_insensitive_and_accept_compact_forms()
    {
        var h = new SipHeaders();
        h.Add("v", "SIP/2.0/UDP a;branch=z9hG4bK1");
        h.Add("VIA", "SIP/2.0/UDP b;branch=z9hG4bK2, SIP/2.0/UDP c;branch=z9hG4bK3");
        Assert.Equal(2, h.CountOf("via"));
        Assert.Equal("SIP/2.0/UDP a;branch=z9hG4bK1", h.GetFirst("v"));
        Assert.Equal(3, h.GetValues("Via").Count);
        Assert.Equal(2, h.GetAll("Via").Count);
        Assert.True(h.Contains("V"));
    }

    [Fact]
    public void Splitting_respects_quotes_and_angle_brackets()
    {
        var parts = SipHeaders.SplitList("\"Doe, John\" <sip:j@x;a=1,2>;q=0.5 , <sip:k@y>,sip:z@w");
        Assert.Equal(["\"Doe, John\" <sip:j@x;a=1,2>;q=0.5", "<sip:k@y>", "sip:z@w"], parts);
        Assert.Equal(["\"a\\\", b\"", "c"], SipHeaders.SplitList("\"a\\\", b\", c"));
    }

    [Fact]
    public void Set_insert_and_remove_keep_order()
    {
        var h = new SipHeaders();
        h.Add("X-A", "1");
        h.Add("X-B", "2");
        h.Add("X-A", "3");
        h.Set("x-a", "9");
        Assert.Equal([("X-A", "9"), ("X-B", "2")], h.Select(x => (x.Name, x.Value)));
        h.Insert(0, "Via", "SIP/2.0/UDP p;branch=z9hG4bK0");
        Assert.Equal("Via", h[0].Name);
        Assert.Equal(1, h.Remove("x-b"));
        Assert.Equal(0, h.Remove("X-B"));
        Assert.Equal(2, h.Count);
    }

    [Fact]
    public void Rejects_header_injection()
    {
        var h = new SipHeaders();
        Assert.Throws<ArgumentException>(() => h.Add("X", "a\r\nVia: evil"));
        Assert.Throws<ArgumentException>(() => h.Add("Bad Name", "x"));
        Assert.Throws<ArgumentException>(() => h.Add("", "x"));
    }
}
