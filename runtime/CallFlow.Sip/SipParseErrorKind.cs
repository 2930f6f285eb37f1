namespace CallFlow.Sip;

/// <summary>What was wrong with a message that did not parse.</summary>
public enum SipParseErrorKind
{
    /// <summary>Only CRLFs: a keep-alive (RFC 5626 §3.5.1), not an error to report.</summary>
    KeepAlive,
    /// <summary>The first line is neither a Request-Line nor a Status-Line, or a Status-Line is malformed.</summary>
    MalformedStartLine,
    /// <summary>A SIP-Version other than SIP/2.0 (answered with 505).</summary>
    UnsupportedVersion,
    /// <summary>The Request-URI does not parse, is in angle brackets, or carries headers.</summary>
    MalformedRequestUri,
    /// <summary>A header line has no colon, a name that is not a token, or a continuation with nothing to continue.</summary>
    MalformedHeaderLine,
    /// <summary>The empty line that ends the headers is missing.</summary>
    MissingEmptyLine,
    /// <summary>A mandatory header (From, To, Call-ID, CSeq) is missing.</summary>
    MissingHeader,
    /// <summary>A single-valued header (From, To, Call-ID, CSeq, Max-Forwards, Content-Length, Content-Type) repeats.</summary>
    DuplicateHeader,
    /// <summary>A header the stack must understand has a value its grammar rejects.</summary>
    MalformedHeaderValue,
    /// <summary>The CSeq method differs from the request method.</summary>
    CSeqMethodMismatch,
    /// <summary>No Via, or a top Via without a usable sent-by: nowhere to send a response, so the message is dropped.</summary>
    NoUsableVia,
    /// <summary>Content-Length is not a non-negative integer.</summary>
    MalformedContentLength,
    /// <summary>The datagram holds fewer body bytes than Content-Length says.</summary>
    BodyTruncated,
    /// <summary>A message on a stream transport without Content-Length (RFC 3261 §18.3 requires one).</summary>
    MissingContentLength,
    /// <summary>The header section is larger than the limit.</summary>
    HeaderSectionTooLarge,
    /// <summary>More header lines than the limit.</summary>
    TooManyHeaders,
    /// <summary>One (unfolded) header line is longer than the limit.</summary>
    LineTooLong,
    /// <summary>The body is larger than the limit (answered with 513).</summary>
    BodyTooLarge,
}
