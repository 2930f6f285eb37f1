namespace CallFlow.Sip.Tests;

public sealed class SipUriTests
{
    [Fact]
    public void Parses_every_component()
    {
        var uri = SipUri.Parse("sips:alice:secret@[2001:db8::1]:5071;transport=tcp;lr?subject=project%20x&priority=urgent");
        Assert.Equal(SipUriScheme.Sips, uri.Kind);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("[2001:db8::1]", uri.Host);
        Assert.Equal("2001:db8::1", uri.HostAddress);
        Assert.Equal(5071, uri.Port);
        Assert.Equal("tcp", uri.Parameters.Get("transport"));
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Null(uri.Parameters.Get("lr"));
        Assert.Equal("project x", uri.Headers.Get("subject"));
        Assert.Equal("urgent", uri.Headers.Get("priority"));
    }

    [Fact]
    public void Parses_tel_and_other_schemes()
    {
        var tel = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");
        Assert.Equal((SipUriScheme.Tel, "+1-201-555-0123"), (tel.Kind, tel.User));
        Assert.Equal("example.com", tel.Parameters.Get("phone-context"));
        var urn = SipUri.Parse("urn:service:sos");
        Assert.Equal((SipUriScheme.Other, "urn", "service:sos"), (urn.Kind, urn.Scheme, urn.Opaque));
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:user@")]
    [InlineData("sip:@host")]
    [InlineData("sip:a b@host")]
    [InlineData("sip:host:99999")]
    [InlineData("sip:host:port")]
    [InlineData("sip:[::1")]
    [InlineData("sip:[notip]")]
    [InlineData("sip:a@b@c")]
    [InlineData("sip:host;=x")]
    [InlineData("sip:host;p=")]
    [InlineData("sip:host?noequals")]
    [InlineData("sip:us%2er@host%")]
    [InlineData("sip:us%zzer@host")]
    [InlineData("<sip:a@b>")]
    [InlineData("1sip:a@b")]
    [InlineData("tel:")]
    [InlineData("tel:abc xyz")]
    [InlineData("nocolon")]
    public void Rejects_malformed_uris(string text) => Assert.False(SipUri.TryParse(text, out _));

    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    [InlineData("sip:a@[2001:db8::1]", "sip:a@[2001:DB8:0::1]")]
    [InlineData("tel:+1-201-555-0123", "tel:+12015550123")]
    public void Rfc3261_equivalent_uris_are_equal(string a, string b)
    {
        var (x, y) = (SipUri.Parse(a), SipUri.Parse(b));
        Assert.Equal(x, y);
        Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    [InlineData("sip:a@h;maddr=1.2.3.4", "sip:a@h")]
    [InlineData("sip:a@h;user=phone", "sip:a@h")]
    [InlineData("sip:a@h;ttl=1", "sip:a@h;ttl=2")]
    [InlineData("sip:a%3Bb@h", "sip:a;b@h")]
    [InlineData("sip:a:pw@h", "sip:a:PW@h")]
    public void Rfc3261_different_uris_are_not_equal(string a, string b) => Assert.NotEqual(SipUri.Parse(a), SipUri.Parse(b));

    [Fact]
    public void Create_escapes_and_round_trips()
    {
        var uri = SipUri.Create("vm box", "2001:db8::5", 5060);
        Assert.Equal("sip:vm%20box@[2001:db8::5]:5060", uri.ToString());
        Assert.Equal("vm box", uri.User);
        Assert.Equal("sip:vm%20box@[2001:db8::5]:5060;lr", uri.WithParameter("lr", null).ToString());
    }
}
