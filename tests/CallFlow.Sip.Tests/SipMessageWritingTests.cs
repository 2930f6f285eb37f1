using System.Buffers;
using System.Text;

namespace CallFlow.Sip.Tests;

public sealed class SipMessageWritingTests
{
    [Fact]
    public void Builds_and_writes_a_request()
    {
        var request = SipMessage.NewRequest(SipMethods.Options, SipUri.Parse("sip:vm@192.0.2.10"));
        request.Headers.Add("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1");
        request.Headers.Add("f", "<sip:a@x>;tag=1");
        request.Headers.Add("To", "<sip:vm@192.0.2.10>");
        request.Headers.Add("i", "abc");
        request.Headers.Add("CSeq", "1 OPTIONS");
        request.Headers.Add("Max-Forwards", "70");
        request.Body = "hi"u8.ToArray();
        var text = request.ToString();
        Assert.Equal(
            "OPTIONS sip:vm@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n" +
            "To: <sip:vm@192.0.2.10>\r\nCall-ID: abc\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 2\r\n\r\nhi", text);
        Assert.True(SipParser.TryParse(request.ToBytes(), out var parsed, out _));
        Assert.Equal("hi"u8.ToArray(), parsed.Body.ToArray());
    }

    [Fact]
    public void Content_length_is_rewritten_in_place_to_match_the_body()
    {
        var m = Messages.Parse(Messages.Invite);
        m.Body = "v=0\r\no=x\r\n"u8.ToArray();
        var text = m.ToString();
        Assert.Contains("Content-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0", text, StringComparison.Ordinal);
        Assert.Single(Messages.Parse(text).Headers.GetAll("Content-Length"));
    }

    [Fact]
    public void Writes_into_an_IBufferWriter_with_raw_bytes_for_unchanged_headers()
    {
        var raw = Messages.Bytes(Messages.Request("OPTIONS", "X-Bin: caf\u00e9"));
        Assert.True(SipParser.TryParse(raw, out var m, out _));
        var writer = new ArrayBufferWriter<byte>();
        m.WriteTo(writer);
        Assert.Equal(raw, writer.WrittenSpan.ToArray());
        Assert.Equal("café", m.Headers.GetFirst("X-Bin"));
    }

    [Fact]
    public void New_message_arguments_are_checked()
    {
        Assert.Throws<ArgumentException>(() => SipMessage.NewRequest("BAD METHOD", SipUri.Parse("sip:a@b")));
        Assert.Throws<ArgumentOutOfRangeException>(() => SipMessage.NewResponse(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => SipMessage.NewResponse(700));
        Assert.Throws<ArgumentException>(() => SipMessage.NewResponse(200, "OK\r\nVia: x"));
        Assert.Equal("SIP/2.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", Encoding.UTF8.GetString(SipMessage.NewResponse(404).ToBytes()));
    }
}
