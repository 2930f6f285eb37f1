using System.Text;

namespace CallFlow.Sip.Tests;

/// <summary>Builds small wire messages for tests; lines are joined with CRLF.</summary>
internal static class Messages
{
    public const string Invite =
        "INVITE sip:vm@192.0.2.10 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKabc1;rport\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.30;branch=z9hG4bKproxy;received=198.51.100.7\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:201@pbx.example.com>;tag=f1\r\n" +
        "To: <sip:vm@pbx.example.com>\r\n" +
        "Call-ID: c1@192.0.2.20\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:201@192.0.2.20:5060>\r\n" +
        "Record-Route: <sip:192.0.2.30;lr>\r\n" +
        "Timestamp: 54\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "v=0\n";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    /// <summary>A minimal valid request with <paramref name="extra"/> header lines inserted before Content-Length.</summary>
    public static string Request(string method = "OPTIONS", params string[] extra) =>
        Lines([$"{method} sip:vm@192.0.2.10 SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK1", "From: <sip:a@x>;tag=1",
            "To: <sip:b@y>", "Call-ID: id1", $"CSeq: 1 {method}", "Max-Forwards: 70", .. extra, "Content-Length: 0", ""]);

    public static SipMessage Parse(string text)
    {
        Assert.True(SipParser.TryParse(Bytes(text), out var message, out var error), error?.ToString());
        return message;
    }

    public static SipParseError Fail(string text)
    {
        Assert.False(SipParser.TryParse(Bytes(text), out _, out var error));
        return error;
    }
}
