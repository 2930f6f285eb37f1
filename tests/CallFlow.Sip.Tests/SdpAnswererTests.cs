using CallFlow.Sip.Sdp;

namespace CallFlow.Sip.Tests;

public sealed class SdpAnswererTests
{
    public const string Offer =
        "v=0\r\no=alice 2890844526 2890844527 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 8 0 18 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    private static readonly SdpCodec[] CallFlowCodecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent];

    private static SdpSessionDescription Sdp(string text)
    {
        Assert.True(SdpSessionDescription.TryParse(text, out var sdp, out var problem), problem);
        return sdp;
    }

    [Fact]
    public void Picks_the_offerers_first_common_codec_and_keeps_the_event_payload_type()
    {
        var answer = new SdpAnswerer(4242).Answer(Sdp(Offer), "192.0.2.10", 40000, CallFlowCodecs);
        Assert.True(answer.IsAccepted);
        Assert.Equal((SdpCodec.Pcma, 8, 101), (answer.Codec, answer.PayloadType, answer.TelephoneEventPayloadType));
        Assert.Equal(("192.0.2.20", 49170, 20), (answer.RemoteAddress, answer.RemotePort, answer.RemotePtime));
        Assert.Equal(
            "v=0\r\no=CallFlow 4242 4242 IN IP4 192.0.2.10\r\ns=CallFlow\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
            "m=audio 40000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n" +
            "a=ptime:20\r\na=sendrecv\r\n",
            answer.Description.ToString());
        Assert.True(answer.MaySend && answer.MayReceive);
    }

    [Fact]
    public void Uses_static_payload_types_without_rtpmap_and_skips_unknown_ones()
    {
        var offer = Sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 18 96 0\r\na=rtpmap:96 opus/48000/2\r\n");
        var answer = new SdpAnswerer(1).Answer(offer, "192.0.2.10", 40000, CallFlowCodecs);
        Assert.Equal((SdpCodec.Pcmu, 0, (int?)null), (answer.Codec, answer.PayloadType, answer.TelephoneEventPayloadType));
        Assert.Equal(["0"], answer.Description.Media[0].Formats.ToArray());
    }

    [Fact]
    public void Rejects_other_streams_with_port_zero_and_accepts_one_audio_stream()
    {
        var offer = Sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" +
            "m=video 5006 RTP/AVP 31\r\nm=audio 5008 RTP/SAVP 0\r\nm=audio 5004 RTP/AVP 0\r\nm=audio 5010 RTP/AVP 0\r\n");
        var answer = new SdpAnswerer(1).Answer(offer, "192.0.2.10", 40000, CallFlowCodecs);
        Assert.Equal(2, answer.MediaIndex);
        Assert.Equal([0, 0, 40000, 0], answer.Description.Media.Select(m => m.Port));
        Assert.Equal(["video", "audio", "audio", "audio"], answer.Description.Media.Select(m => m.Media));
        Assert.Equal(["31"], answer.Description.Media[0].Formats.ToArray());
        Assert.Equal("RTP/SAVP", answer.Description.Media[1].Protocol);
    }

    [Theory]
    [InlineData("a=sendonly", SdpDirection.RecvOnly)]
    [InlineData("a=recvonly", SdpDirection.SendOnly)]
    [InlineData("a=inactive", SdpDirection.Inactive)]
    [InlineData("a=sendrecv", SdpDirection.SendRecv)]
    public void Mirrors_hold(string attribute, SdpDirection expected)
    {
        var offer = Sdp($"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n{attribute}\r\n");
        var answer = new SdpAnswerer(1).Answer(offer, "192.0.2.10", 40000, CallFlowCodecs);
        Assert.Equal(expected, answer.Direction);
        Assert.Equal(expected, answer.Description.Media[0].Direction);
    }

    [Fact]
    public void Session_level_direction_and_old_style_hold_count()
    {
        var sessionLevel = Sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\na=sendonly\r\nm=audio 5004 RTP/AVP 0\r\n");
        Assert.Equal(SdpDirection.RecvOnly, new SdpAnswerer(1).Answer(sessionLevel, "192.0.2.10", 40000, CallFlowCodecs).Direction);
        var rfc2543 = Sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");
        var answer = new SdpAnswerer(1).Answer(rfc2543, "192.0.2.10", 40000, CallFlowCodecs);
        Assert.Equal(SdpDirection.RecvOnly, answer.Direction);
        Assert.False(answer.MaySend);
    }

    [Fact]
    public void No_common_codec_means_not_accepted()
    {
        var offer = Sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 5004 RTP/AVP 18 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        var answer = new SdpAnswerer(1).Answer(offer, "192.0.2.10", 40000, CallFlowCodecs);
        Assert.False(answer.IsAccepted);
        Assert.Equal(0, answer.Description.Media[0].Port);
        Assert.Null(answer.Codec);
        var noConnection = Sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");
        Assert.False(new SdpAnswerer(1).Answer(noConnection, "192.0.2.10", 40000, CallFlowCodecs).IsAccepted);
    }

    [Fact]
    public void Version_goes_up_only_when_the_answer_changes()
    {
        var answerer = new SdpAnswerer(77, initialVersion: 5);
        var first = answerer.Answer(Sdp(Offer), "192.0.2.10", 40000, CallFlowCodecs);
        var same = answerer.Answer(Sdp(Offer), "192.0.2.10", 40000, CallFlowCodecs);
        var hold = answerer.Answer(Sdp(Offer.Replace("a=sendrecv", "a=sendonly")), "192.0.2.10", 40000, CallFlowCodecs);
        Assert.Equal(["5", "5", "6"], new[] { first, same, hold }.Select(a => a.Description.Origin.SessionVersion));
        Assert.All(new[] { first, same, hold }, a => Assert.Equal("77", a.Description.Origin.SessionId));
    }

    [Fact]
    public void Ipv6_local_address_and_without_telephone_event_support()
    {
        var answer = new SdpAnswerer(1).Answer(Sdp(Offer), "2001:db8::10", 40000, [SdpCodec.Pcmu]);
        Assert.Equal(("IP6", "2001:db8::10"), (answer.Description.Connection!.AddressType, answer.Description.Origin.Address));
        Assert.Equal((SdpCodec.Pcmu, (int?)null), (answer.Codec, answer.TelephoneEventPayloadType));
        Assert.Equal(["0"], answer.Description.Media[0].Formats.ToArray());
    }

    [Fact]
    public void Answers_the_sdp_of_a_real_invite()
    {
        var body = "v=0\r\no=user1 53655765 2353687637 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
            "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-11,16\r\n";
        var invite = Messages.Parse(Messages.Request("INVITE", "Content-Type: application/sdp").Replace("Content-Length: 0", $"Content-Length: {body.Length}") + body);
        Assert.True(invite.ContentType!.IsSdp);
        Assert.True(SdpSessionDescription.TryParse(invite.Body.Span, out var offer, out _));
        var answer = new SdpAnswerer(9).Answer(offer, "127.0.0.1", 40000, CallFlowCodecs);
        var ok = invite.CreateResponse(200, toTag: "vm");
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = answer.Description.ToBytes();
        Assert.True(SipParser.TryParse(ok.ToBytes(), out var parsed, out _));
        Assert.Equal(answer.Description.ToString(), System.Text.Encoding.UTF8.GetString(parsed.Body.Span));
    }
}
