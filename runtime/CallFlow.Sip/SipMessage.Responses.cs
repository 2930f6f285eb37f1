using System.Security.Cryptography;

namespace CallFlow.Sip;

public sealed partial class SipMessage
{
    /// <summary>
    /// Builds a response to this request as RFC 3261 §8.2.6.2 asks: every Via in order, From, Call-ID and CSeq
    /// copied, To copied with a tag added when the request had none (except for 100 Trying), and Timestamp echoed
    /// in a 100 (§8.2.6.1). Record-Route is copied into 101–299 responses to INVITE and SUBSCRIBE, which may
    /// establish a dialog (§12.1.1). The tag is <paramref name="toTag"/> or, when null, 32 random bits in hex.
    /// Works on the partial request of a <see cref="SipParseError"/> too: broken headers are copied as they came.
    /// </summary>
    /// <exception cref="InvalidOperationException">This message is a response.</exception>
    /// <exception cref="ArgumentException"><paramref name="toTag"/> is not a token.</exception>
    public SipMessage CreateResponse(int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        if (!IsRequest)
            throw new InvalidOperationException("a response can only be created from a request");
        if (toTag is not null && !SipGrammar.IsToken(toTag.AsSpan()))
            throw new ArgumentException($"'{toTag}' is not a valid tag (RFC 3261 token)", nameof(toTag));
        var response = NewResponse(statusCode, reasonPhrase);
        var headers = response.Headers;
        for (var i = 0; i < Headers.Count; i++)
        {
            var name = Headers.NameAt(i);
            if (name == SipHeaderNames.Via || name == SipHeaderNames.From || name == SipHeaderNames.CallId || name == SipHeaderNames.CSeq)
                headers.Add(name, Headers.ValueAt(i));
            else if (name == SipHeaderNames.To)
                headers.Add(name, ToWithTag(Headers.ValueAt(i), statusCode, toTag));
            else if (name == SipHeaderNames.Timestamp && statusCode == 100)
                headers.Add(name, Headers.ValueAt(i));
            else if (name == SipHeaderNames.RecordRoute && statusCode is > 100 and < 300 && Method is SipMethods.Invite or SipMethods.Subscribe)
                headers.Add(name, Headers.ValueAt(i));
        }
        return response;
    }

    /// <summary>32 random bits as 8 hex digits, enough for a globally unique tag (RFC 3261 §19.3).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static string ToWithTag(string to, int statusCode, string? toTag)
    {
        if (statusCode == 100 && toTag is null)
            return to;
        if (!SipNameAddress.TryParse(to, out var address) || address.Tag is not null)
            return to;
        return $"{to};tag={toTag ?? NewTag()}";
    }
}
