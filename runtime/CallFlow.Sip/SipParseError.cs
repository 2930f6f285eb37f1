namespace CallFlow.Sip;

/// <summary>
/// Why a message was refused and what to do about it. When <see cref="ShouldRespond"/> is true, send
/// <see cref="CreateResponse"/> (400, 505 or 513 with a reason phrase naming the problem); otherwise drop the
/// message silently: it was a response (never answered, RFC 3261 §18.1.2), a keep-alive, abusive in size, or had no
/// Via to answer to.
/// </summary>
/// <param name="Kind">The problem.</param>
/// <param name="StatusCode">400, 505 or 513 when the request should be answered; 0 to drop.</param>
/// <param name="ReasonPhrase">The reason phrase for the response, e.g. "Malformed CSeq header".</param>
/// <param name="Message">A sentence for logs.</param>
/// <param name="Request">The request as far as it parsed (headers as they came), for building the response.</param>
public sealed record SipParseError(SipParseErrorKind Kind, int StatusCode, string ReasonPhrase, string Message, SipMessage? Request)
{
    /// <summary>True when the server should send <see cref="CreateResponse"/>.</summary>
    public bool ShouldRespond => StatusCode != 0 && Request is not null;

    /// <summary>The error response to send back (RFC 3261 §8.2.6), with a To tag added.</summary>
    /// <exception cref="InvalidOperationException">The message should be dropped instead.</exception>
    public SipMessage CreateResponse(string? toTag = null)
    {
        if (!ShouldRespond)
            throw new InvalidOperationException($"this message is dropped, not answered ({Kind}: {Message})");
        return Request!.CreateResponse(StatusCode, ReasonPhrase, toTag);
    }

    /// <inheritdoc />
    public override string ToString() => StatusCode == 0 ? $"drop ({Kind}): {Message}" : $"{StatusCode} {ReasonPhrase} ({Kind}): {Message}";
}
