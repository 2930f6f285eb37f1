namespace CallFlow.Sip;

public static partial class SipParser
{
    private readonly record struct StartLineError(SipParseErrorKind Kind, int Status, string Phrase, string Message);

    private sealed record StartLine(bool IsRequest, bool IsResponse, string? Method, SipUri? Uri, string? UriText, int StatusCode,
        string? Reason, string? Version, StartLineError? Error);

    private static readonly StartLine Garbage = new(false, false, null, null, null, 0, null, null, null);

    private static StartLine ParseStartLine(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
            return ParseStatusLine(line);

        // Request-Line = Method SP Request-URI SP SIP-Version CRLF. Only a line that starts with a method token and
        // ends with a SIP-Version is treated as a request that deserves an answer; anything else is noise.
        var firstSpace = line.IndexOf(' ');
        var lastPart = line.TrimEnd(" \t".ToCharArray());
        var lastSpace = lastPart.LastIndexOfAny([' ', '\t']);
        if (firstSpace <= 0 || lastSpace < 0 || !SipGrammar.IsToken(line.AsSpan(0, firstSpace)) || !IsSipVersion(lastPart.AsSpan(lastSpace + 1)))
            return Garbage;
        var method = SipMethods.Intern(line.AsSpan(0, firstSpace));
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0)
            return Request(method, null, null, parts.Length > 1 ? parts[1] : null, new StartLineError(SipParseErrorKind.MalformedStartLine, 400,
                "Malformed Request-Line", "the Request-Line must be Method SP Request-URI SP SIP-Version with single spaces (RFC 4475 lwsstart, trws, lwsruri)"));
        var uriText = parts[1];
        if (!parts[2].Equals(SipMessage.SipVersion, StringComparison.OrdinalIgnoreCase))
            return Request(method, parts[2], null, uriText, new StartLineError(SipParseErrorKind.UnsupportedVersion, 505,
                "Version Not Supported", $"this server speaks SIP/2.0, not {parts[2]}"));
        if (uriText.StartsWith('<'))
            return Request(method, parts[2], null, uriText, new StartLineError(SipParseErrorKind.MalformedRequestUri, 400,
                "Malformed Request-URI", "the Request-URI must not be enclosed in angle brackets (RFC 4475 ltgtruri)"));
        if (!SipUri.TryParse(uriText, out var uri))
            return Request(method, parts[2], null, uriText, new StartLineError(SipParseErrorKind.MalformedRequestUri, 400,
                "Malformed Request-URI", $"'{uriText}' is not a valid URI"));
        if (uri.IsSip && uri.Headers.Count > 0)
            return Request(method, parts[2], null, uriText, new StartLineError(SipParseErrorKind.MalformedRequestUri, 400,
                "Malformed Request-URI", "a Request-URI must not carry headers (RFC 3261 §19.1.1, RFC 4475 escruri)"));
        return Request(method, parts[2], uri, uriText, null);
    }

    private static StartLine Request(string method, string? version, SipUri? uri, string? uriText, StartLineError? error) =>
        new(true, false, method, uri, uriText, 0, null, version, error);

    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF. A bad one is dropped: responses are never answered.
    private static StartLine ParseStatusLine(string line)
    {
        var space = line.IndexOf(' ');
        var version = space < 0 ? line : line[..space];
        if (space < 0 || !version.Equals(SipMessage.SipVersion, StringComparison.OrdinalIgnoreCase))
            return Garbage;
        var rest = line.AsSpan(space + 1);
        if (rest.Length < 3 || !SipGrammar.TryParseNumber(rest[..3], 999, out var code) || code is < 100 or > 699 || (rest.Length > 3 && rest[3] != ' '))
            return Garbage; // RFC 4475 bigcode: "4294967301"
        var reason = rest.Length > 4 ? new string(rest[4..]) : "";
        return new StartLine(false, true, null, null, null, (int)code, reason, version, null);
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT
    private static bool IsSipVersion(ReadOnlySpan<char> text)
    {
        if (text.Length < 7 || !text[..4].Equals("SIP/", StringComparison.OrdinalIgnoreCase))
            return false;
        var dot = text[4..].IndexOf('.');
        return dot > 0 && SipGrammar.TryParseNumber(text.Slice(4, dot), int.MaxValue, out _)
            && SipGrammar.TryParseNumber(text[(5 + dot)..], int.MaxValue, out _);
    }
}
