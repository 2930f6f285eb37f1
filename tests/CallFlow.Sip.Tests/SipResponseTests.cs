namespace CallFlow.Sip.Tests;

public sealed class SipResponseTests
{
    [Fact]
    public void Response_copies_the_rfc3261_8_2_6_headers_and_adds_a_to_tag()
    {
        var request = Messages.Parse(Messages.Invite);
        var response = request.CreateResponse(200, toTag: "vm1");
        Assert.Equal(["Via", "Via", "From", "To", "Call-ID", "CSeq", "Record-Route"], response.Headers.Select(h => h.Name));
        Assert.Equal(request.Headers.GetAll("Via"), response.Headers.GetAll("Via"));
        Assert.Equal("<sip:vm@pbx.example.com>;tag=vm1", response.Headers.GetFirst("To"));
        Assert.Equal(request.Headers.GetFirst("From"), response.Headers.GetFirst("From"));
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.True(SipParser.TryParse(response.ToBytes(), out var parsed, out var error), error?.ToString());
        Assert.Equal(("vm1", "f1", 200), (parsed.To!.Tag, parsed.From!.Tag, parsed.StatusCode));
    }

    [Fact]
    public void Trying_has_no_tag_and_echoes_timestamp()
    {
        var response = Messages.Parse(Messages.Invite).CreateResponse(100);
        Assert.Equal("<sip:vm@pbx.example.com>", response.Headers.GetFirst("To"));
        Assert.Equal("54", response.Headers.GetFirst("Timestamp"));
        Assert.False(response.Headers.Contains("Record-Route"));
    }

    [Fact]
    public void Existing_to_tag_is_kept_and_a_missing_one_is_random()
    {
        var inDialog = Messages.Parse(Messages.Request("BYE").Replace("To: <sip:b@y>", "To: <sip:b@y>;tag=old"));
        Assert.Equal("<sip:b@y>;tag=old", inDialog.CreateResponse(200, toTag: "new").Headers.GetFirst("To"));
        var tag = Messages.Parse(Messages.Request()).CreateResponse(486).To!.Tag;
        Assert.Matches("^[0-9a-f]{8}$", tag);
        Assert.False(Messages.Parse(Messages.Request()).CreateResponse(200).Headers.Contains("Record-Route"));
    }

    [Fact]
    public void Response_from_a_response_or_with_a_bad_tag_throws()
    {
        var response = Messages.Parse(Messages.Invite).CreateResponse(180, toTag: "t");
        Assert.Throws<InvalidOperationException>(() => response.CreateResponse(200));
        Assert.Throws<ArgumentException>(() => Messages.Parse(Messages.Invite).CreateResponse(200, toTag: "bad tag"));
    }
}
