namespace CallFlow.Sip.Tests;

public sealed class TypedHeaderTests
{
    [Fact]
    public void Via_reads_sent_by_and_parameters()
    {
        Assert.True(SipVia.TryParse("SIP / 2.0 / tcp [2001:db8::9] : 5061 ; branch = z9hG4bKx ; received=192.0.2.1 ; rport=4000 ; ttl=16", out var via));
        Assert.Equal(("SIP", "2.0", "TCP"), (via.ProtocolName, via.ProtocolVersion, via.Transport));
        Assert.Equal(("[2001:db8::9]", 5061), (via.Host, via.Port));
        Assert.Equal("z9hG4bKx", via.Branch);
        Assert.True(via.IsRfc3261Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.Equal(4000, via.RPort);
        Assert.Equal(16, via.Ttl);
        Assert.Equal("SIP/2.0/TCP [2001:db8::9]:5061;branch=z9hG4bKx;received=192.0.2.1;rport=4000;ttl=16", via.ToString());
    }

    [Theory]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDPhost")]
    [InlineData("SIP/2.0/UDP host;")]
    [InlineData("SIP/2.0/UDP host;branch")]
    [InlineData("SIP/2.0/UDP host;rport=x")]
    [InlineData("SIP/2.0/UDP host;ttl=300")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP host junk")]
    public void Via_rejects_bad_values(string value) => Assert.False(SipVia.TryParse(value, out _));

    [Theory]
    [InlineData("<sip:a@b>", null, "sip:a@b")]
    [InlineData("sip:a@b;tag=x", null, "sip:a@b")]
    [InlineData("Bob Smith <sip:a@b>", "Bob Smith", "sip:a@b")]
    [InlineData("\"Bob \\\"B\\\" Smith\" <sip:a@b>", "Bob \"B\" Smith", "sip:a@b")]
    [InlineData("\"\" <tel:+4930>", "", "tel:+4930")]
    public void Name_address_forms(string value, string? display, string uri)
    {
        Assert.True(SipNameAddress.TryParse(value, out var address));
        Assert.Equal(display, address.DisplayName);
        Assert.Equal(uri, address.Uri.ToString());
    }

    [Theory]
    [InlineData("sip:a@b?x=1")]
    [InlineData("<sip:a@b")]
    [InlineData("\"open <sip:a@b>")]
    [InlineData("< sip:a@b >")]
    [InlineData("a, b <sip:a@b>")]
    [InlineData("<sip:a@b> junk")]
    [InlineData("")]
    public void Name_address_rejects(string value) => Assert.False(SipNameAddress.TryParse(value, out _));

    [Fact]
    public void Name_address_writes_name_addr_form_with_tag()
    {
        Assert.True(SipNameAddress.TryParse("sip:a@b", out var to));
        Assert.Equal("<sip:a@b>;tag=9f", to.WithTag("9f").ToString());
        Assert.Equal("\"A \\\"q\\\"\" <sip:a@b>", new SipNameAddress("A \"q\"", to.Uri, SipParameters.Empty).ToString());
    }

    [Fact]
    public void Contact_expires_parameter()
    {
        var m = Messages.Parse(Messages.Request("REGISTER", "Contact: <sip:a@h>;expires=3600, <sip:b@h>;expires=99999999999"));
        Assert.Equal(3600u, m.Contacts![0].Expires);
        Assert.Null(m.Contacts[1].Expires);
    }

    [Fact]
    public void CSeq_bounds()
    {
        Assert.True(SipCSeq.TryParse("4294967295 BYE", out var max));
        Assert.Equal(uint.MaxValue, max.Number);
        Assert.False(SipCSeq.TryParse("4294967296 BYE", out _));
        Assert.False(SipCSeq.TryParse("1BYE", out _));
        Assert.False(SipCSeq.TryParse("BYE", out _));
        Assert.Equal("7 INFO", new SipCSeq(7, "INFO").ToString());
    }

    [Fact]
    public void Event_subscription_state_and_refer_to()
    {
        var notify = Messages.Parse(Messages.Request("NOTIFY", "Event: refer;id=93809824", "Subscription-State: terminated;reason=noresource;retry-after=30",
            "Refer-To: <sip:200@pbx?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2>"));
        Assert.Equal(("refer", "93809824"), (notify.Event!.Package, notify.Event.Id));
        var state = notify.SubscriptionState!;
        Assert.True(state.IsTerminated);
        Assert.Equal("noresource", state.Reason);
        Assert.Equal(30u, state.RetryAfter);
        Assert.Equal("abc@h;to-tag=1;from-tag=2", notify.ReferTo!.Uri.Headers.Get("Replaces"));
        Assert.True(Messages.Parse(Messages.Request("SUBSCRIBE", "o: message-summary", "Expires: 3600")).Event!.Package == "message-summary");
    }

    [Fact]
    public void Diversion_rfc5806()
    {
        var m = Messages.Parse(Messages.Request("INVITE", "Diversion: <sip:201@pbx>;reason=no-answer;counter=1;privacy=off,",
            "Diversion: \"Reception\" <sip:200@pbx>;reason=\"user-busy\";counter=2"));
        var d = m.Diversions!;
        Assert.Equal(2, d.Count);
        Assert.Equal(("201", "no-answer", 1, "off"), (d[0].Uri.User, d[0].Reason, d[0].Counter, d[0].Privacy));
        Assert.Equal(("user-busy", 2), (d[1].Reason, d[1].Counter));
        Assert.Null(Messages.Parse(Messages.Request("INVITE", "Diversion: <sip:x@y>;;")).Diversions);
    }

    [Fact]
    public void History_info_rfc7044()
    {
        var m = Messages.Parse(Messages.Request("INVITE",
            "History-Info: <sip:200@pbx>;index=1, <sip:201@pbx;cause=302?Reason=SIP%3Bcause%3D302%3Btext%3D%22Moved%22>;index=1.1;rc=1",
            "History-Info: <sip:vm@pbx;cause=486>;index=1.1.1;mp=1"));
        var h = m.HistoryInfo!;
        Assert.Equal(3, h.Count);
        Assert.Equal("1", h[0].Index);
        Assert.Equal([1, 1], h[1].IndexPath);
        Assert.Equal(302, h[1].Cause);
        Assert.Equal(("SIP", 302, "Moved"), (h[1].Reason!.Protocol, h[1].Reason!.Cause, h[1].Reason!.Text));
        Assert.Equal("1", h[1].Rc);
        Assert.Equal((486, 1), (h[2].Cause, h[2].Mp));
        Assert.False(SipHistoryInfoEntry.TryParse("sip:a@b;index=1", out _));
        Assert.False(SipHistoryInfoEntry.TryParse("<sip:a@b>;index=1..2", out _));
    }

    [Fact]
    public void Content_type_and_routes()
    {
        Assert.True(SipContentType.TryParse("Application/SDP ; charset=\"utf-8\"", out var ct));
        Assert.True(ct.IsSdp);
        Assert.Equal("utf-8", ct.Parameters.Get("charset"));
        var m = Messages.Parse(Messages.Request("INVITE", "Route: <sip:p1;lr>, <sip:p2;lr>", "Route: <sip:p3;lr>", "Record-Route: <sip:rr;lr>"));
        Assert.Equal(["p1", "p2", "p3"], m.Routes!.Select(r => r.Uri.Host));
        Assert.Single(m.RecordRoutes!);
    }
}
