namespace CallFlow.Sip;

/// <summary>What <see cref="SipStreamFramer.TryRead"/> produced.</summary>
public enum SipFramerStatus
{
    /// <summary>No whole message yet: append more bytes.</summary>
    NeedMoreData,
    /// <summary>A whole, valid message.</summary>
    Message,
    /// <summary>A CRLF CRLF ping (RFC 5626 §3.5.1): answer with a single CRLF pong.</summary>
    KeepAlive,
    /// <summary>
    /// A message that did not parse. If <see cref="SipStreamFramer.IsFaulted"/> the framing is lost and the
    /// connection should be closed (after answering, when the error says to); otherwise reading can go on.
    /// </summary>
    Error,
}
