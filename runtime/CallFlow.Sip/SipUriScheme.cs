namespace CallFlow.Sip;

/// <summary>The URI schemes the stack understands in detail; every other absoluteURI is kept opaque.</summary>
public enum SipUriScheme
{
    /// <summary>sip: (RFC 3261 §19.1).</summary>
    Sip,
    /// <summary>sips: (RFC 3261 §19.1).</summary>
    Sips,
    /// <summary>tel: (RFC 3966).</summary>
    Tel,
    /// <summary>Any other scheme (http:, isbn:, urn:…): only the scheme and the opaque rest are parsed.</summary>
    Other,
}
