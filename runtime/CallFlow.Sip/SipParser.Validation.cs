namespace CallFlow.Sip;

public static partial class SipParser
{
    private static readonly string[] Mandatory = [SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq];

    private static readonly string[] SingleValued = [SipHeaderNames.MaxForwards, SipHeaderNames.ContentType];

    /// <summary>
    /// Checks the headers a transaction and dialog layer rely on (RFC 3261 §8.2, §20). Other headers are checked
    /// only when their typed accessor is read, so an odd Date or Subject never costs a call (RFC 4475 baddate).
    /// </summary>
    private static SipParseError? Validate(SipMessage message, SipHeaders headers)
    {
        foreach (var name in Mandatory)
        {
            var count = headers.CountOf(name);
            if (count == 0)
                return Fail(message, SipParseErrorKind.MissingHeader, 400, $"Missing {name} header",
                    $"a {(message.IsRequest ? "request" : "response")} must carry {name} (RFC 3261 §8.1.1)");
            if (count > 1)
                return Duplicate(message, name);
        }
        foreach (var name in SingleValued)
            if (headers.CountOf(name) > 1)
                return Duplicate(message, name);

        if (message.Vias is null)
            return Invalid(message, SipHeaderNames.Via);
        if (message.From is null)
            return Invalid(message, SipHeaderNames.From);
        if (message.To is null)
            return Invalid(message, SipHeaderNames.To);
        if (!IsCallId(message.CallId!))
            return Invalid(message, SipHeaderNames.CallId);
        if (message.CSeq is not { } cseq)
            return Invalid(message, SipHeaderNames.CSeq);
        if (message.IsRequest && cseq.Method != message.Method)
            return Fail(message, SipParseErrorKind.CSeqMethodMismatch, 400, "CSeq method does not match",
                $"the CSeq method {cseq.Method} differs from the request method {message.Method} (RFC 4475 mismatch01)");
        if (headers.Contains(SipHeaderNames.MaxForwards) && message.MaxForwards is null)
            return Invalid(message, SipHeaderNames.MaxForwards);
        if (headers.Contains(SipHeaderNames.Contact) && !message.IsContactWildcard && message.Contacts is null)
            return Invalid(message, SipHeaderNames.Contact);
        if (headers.Contains(SipHeaderNames.ContentType) && message.ContentType is null)
            return Invalid(message, SipHeaderNames.ContentType);
        return null;
    }

    // Call-ID = word [ "@" word ]
    private static bool IsCallId(string value)
    {
        var at = value.IndexOf('@');
        return at < 0 ? SipGrammar.IsWord(value) : SipGrammar.IsWord(value.AsSpan(0, at)) && SipGrammar.IsWord(value.AsSpan(at + 1));
    }

    private static SipParseError Duplicate(SipMessage message, string name) =>
        Fail(message, SipParseErrorKind.DuplicateHeader, 400, $"Multiple {name} headers",
            $"{name} may appear only once (RFC 3261 §7.3, RFC 4475 multi01)");

    private static SipParseError Invalid(SipMessage message, string name) =>
        Fail(message, SipParseErrorKind.MalformedHeaderValue, 400, $"Malformed {name} header",
            $"the {name} header does not follow the RFC 3261 grammar");
}
