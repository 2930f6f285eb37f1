namespace CallFlow.Sip;

/// <summary>
/// A SIP request or response (RFC 3261 §7): start line, headers in order and body bytes. Parsed messages come from
/// <see cref="SipParser"/> or <see cref="SipStreamFramer"/>; outgoing ones from <see cref="NewRequest"/>,
/// <see cref="NewResponse"/> or <see cref="CreateResponse"/>. Typed views of the headers are computed on each read
/// and are null when the header is absent or malformed.
/// </summary>
/// <example><code>
/// if (SipParser.TryParse(datagram, out var request, out var error))
/// {
///     var response = request.CreateResponse(200, toTag: "a6c85cf");
///     socket.Send(response.ToBytes());
/// }
/// else if (error.ShouldRespond)
///     socket.Send(error.CreateResponse().ToBytes());
/// </code></example>
public sealed partial class SipMessage
{
    /// <summary>The only SIP-Version this stack speaks.</summary>
    public const string SipVersion = "SIP/2.0";

    internal SipMessage(bool isRequest, string? method, SipUri? requestUri, string? requestUriText, int statusCode,
        string? reasonPhrase, string version, SipHeaders headers, ReadOnlyMemory<byte> body)
    {
        IsRequest = isRequest;
        Method = method;
        RequestUri = requestUri;
        RequestUriText = requestUriText ?? requestUri?.ToString();
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Version = version;
        Headers = headers;
        Body = body;
    }

    /// <summary>True for a request, false for a response.</summary>
    public bool IsRequest { get; }

    /// <summary>True for a response.</summary>
    public bool IsResponse => !IsRequest;

    /// <summary>The request method (case-sensitive, e.g. "INVITE"); null for a response.</summary>
    public string? Method { get; }

    /// <summary>The Request-URI; null for a response, and for a partly parsed request whose URI was malformed.</summary>
    public SipUri? RequestUri { get; }

    /// <summary>The Request-URI as it was written, even when it did not parse.</summary>
    public string? RequestUriText { get; }

    /// <summary>The status code of a response (100–699); 0 for a request.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase of a response (may be empty); null for a request.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The SIP-Version of the start line, normally "SIP/2.0".</summary>
    public string Version { get; }

    /// <summary>The headers, in order. Mutable, so a response or request can be built up.</summary>
    public SipHeaders Headers { get; }

    /// <summary>The body; the serializer writes a Content-Length that matches it.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Creates an empty request (add Via, From, To, Call-ID, CSeq, Max-Forwards before sending).</summary>
    /// <exception cref="ArgumentException"><paramref name="method"/> is not a token.</exception>
    public static SipMessage NewRequest(string method, SipUri requestUri)
    {
        if (!SipGrammar.IsToken(method.AsSpan()))
            throw new ArgumentException($"'{method}' is not a valid SIP method (RFC 3261 token)", nameof(method));
        return new SipMessage(true, method, requestUri, null, 0, null, SipVersion, new SipHeaders(), ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>Creates an empty response; the reason defaults to the standard phrase.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is outside 100–699.</exception>
    public static SipMessage NewResponse(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        if (reasonPhrase is not null && reasonPhrase.AsSpan().ContainsAny('\r', '\n'))
            throw new ArgumentException("a reason phrase must not contain CR or LF", nameof(reasonPhrase));
        return new SipMessage(false, null, null, null, statusCode, reasonPhrase ?? SipReasonPhrases.Get(statusCode), SipVersion,
            new SipHeaders(), ReadOnlyMemory<byte>.Empty);
    }
}
