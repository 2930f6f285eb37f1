using CallFlow.Sip.Sdp;

namespace CallFlow.Sip.Tests;

public sealed class SdpParserTests
{
    [Fact]
    public void Parses_an_offer()
    {
        Assert.True(SdpSessionDescription.TryParse(SdpAnswererTests.Offer, out var sdp, out var problem), problem);
        Assert.Equal(("alice", "2890844526", "2890844527", "IP4", "192.0.2.20"),
            (sdp.Origin.UserName, sdp.Origin.SessionId, sdp.Origin.SessionVersion, sdp.Origin.AddressType, sdp.Origin.Address));
        Assert.Equal("192.0.2.20", sdp.Connection!.HostAddress);
        var audio = Assert.Single(sdp.Media);
        Assert.Equal(("audio", 49170, "RTP/AVP"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["8", "0", "18", "101"], audio.Formats.ToArray());
        Assert.Equal("PCMA", audio.GetRtpMap(8)!.EncodingName);
        Assert.Equal("PCMU", audio.GetRtpMap(0)!.EncodingName);
        Assert.Equal("telephone-event", audio.GetRtpMap(101)!.EncodingName);
        Assert.Equal("0-15", audio.GetFmtp(101));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Null(audio.GetRtpMap(102));
    }

    [Fact]
    public void Round_trips_in_rfc4566_order_with_unknown_lines_kept()
    {
        const string text = "v=0\r\no=- 1 2 IN IP6 2001:db8::1\r\ns=x\r\ni=info\r\nc=IN IP6 2001:db8::1\r\nb=AS:64\r\nt=0 0\r\n" +
            "a=recvonly\r\nm=audio 4000/2 RTP/AVP 0\r\ni=media info\r\nb=AS:64\r\na=rtpmap:0 PCMU/8000\r\nm=video 0 RTP/AVP 31\r\n";
        Assert.True(SdpSessionDescription.TryParse(text, out var sdp, out _));
        Assert.Equal(text, sdp.ToString());
        Assert.Equal(SdpDirection.RecvOnly, sdp.Direction);
        Assert.Equal(2, sdp.Media[0].PortCount);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("o=- 1 1 IN IP4 a\r\n", "v=0")]
    [InlineData("v=1\r\n", "v=0")]
    [InlineData("v=0\r\ns=x\r\n", "o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4\r\ns=x\r\n", "o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\n", "s=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\ns=x\r\nm=audio port RTP/AVP 0\r\n", "m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\ns=x\r\nm=audio 70000 RTP/AVP 0\r\n", "m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\ns=x\r\nm=audio 4000 RTP/AVP\r\n", "m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\ns=x\r\nc=IN IP4\r\n", "c=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\ns=x\r\nnonsense\r\n", "type=value")]
    public void Rejects_malformed_descriptions(string text, string mentions)
    {
        Assert.False(SdpSessionDescription.TryParse(text, out _, out var problem));
        Assert.Contains(mentions, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rtpmap_parsing()
    {
        Assert.True(SdpRtpMap.TryParse("96 opus/48000/2", out var opus));
        Assert.Equal((96, "opus", 48000, (int?)2), (opus.PayloadType, opus.EncodingName, opus.ClockRate, opus.Channels));
        Assert.Equal("96 opus/48000/2", opus.ToString());
        Assert.False(SdpRtpMap.TryParse("200 x/8000", out _));
        Assert.False(SdpRtpMap.TryParse("96 x", out _));
        Assert.False(SdpRtpMap.TryParse("96 x/0", out _));
    }
}
