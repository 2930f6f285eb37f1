using System.Net;

namespace CallFlow.Sip;

public sealed partial class SipUri
{
    // RFC 3261 §19.1.4: these parameters never match when only one URI has them (its examples add transport).
    private static readonly string[] MustAppearInBoth = ["user", "ttl", "method", "maddr", "transport"];

    /// <summary>
    /// RFC 3261 §19.1.4 equivalence for SIP and SIPS: scheme, user and password compared case-sensitively after
    /// resolving escapes of unreserved characters; host, parameters and headers case-insensitively; a port, or a
    /// user, ttl, method, maddr or transport parameter present in only one URI makes them differ, other parameters
    /// present in only one are ignored, and headers must match as sets. tel URIs (RFC 3966 §4) compare the number
    /// without visual separators and the parameters as sets; other schemes compare their text.
    /// </summary>
    /// <example><code>SipUri.Parse("sip:%61lice@AtLanTa.CoM;transport=TCP").Equals(SipUri.Parse("sip:alice@atlanta.com;Transport=tcp"))</code></example>
    public bool Equals(SipUri? other)
    {
        if (other is null)
            return false;
        if (ReferenceEquals(this, other))
            return true;
        if (Kind != other.Kind)
            return false;
        return Kind switch
        {
            SipUriScheme.Other => Scheme == other.Scheme && string.Equals(Opaque, other.Opaque, StringComparison.Ordinal),
            SipUriScheme.Tel => TelNumber(User) == TelNumber(other.User) && SameSet(Parameters, other.Parameters),
            _ => SipEquals(other),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SipUri);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        SipUriScheme.Other => HashCode.Combine(Scheme, Opaque),
        SipUriScheme.Tel => HashCode.Combine(Kind, TelNumber(User)),
        _ => HashCode.Combine(Kind, NormalHost(Host), Port, _rawUser is null ? null : SipGrammar.NormalizeEscapes(_rawUser)),
    };

    private bool SipEquals(SipUri other)
    {
        if (!SameEscaped(_rawUser, other._rawUser) || !SameEscaped(_rawPassword, other._rawPassword))
            return false;
        if (NormalHost(Host) != NormalHost(other.Host) || Port != other.Port)
            return false;
        foreach (var p in Parameters)
        {
            if (other.Parameters.Contains(p.Name))
            {
                if (!string.Equals(p.Value, other.Parameters.Get(p.Name), StringComparison.OrdinalIgnoreCase))
                    return false;
            }
            else if (IsMustAppearInBoth(p.Name))
                return false;
        }
        foreach (var p in other.Parameters)
            if (!Parameters.Contains(p.Name) && IsMustAppearInBoth(p.Name))
                return false;
        return SameSet(Headers, other.Headers);
    }

    private static bool IsMustAppearInBoth(string name)
    {
        foreach (var special in MustAppearInBoth)
            if (string.Equals(name, special, StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    private static bool SameEscaped(string? a, string? b) =>
        a is null || b is null ? a is null && b is null : SipGrammar.NormalizeEscapes(a) == SipGrammar.NormalizeEscapes(b);

    private static bool SameSet(SipParameters a, SipParameters b)
    {
        if (a.Count != b.Count)
            return false;
        foreach (var p in a)
            if (!b.Contains(p.Name) || !string.Equals(p.Value, b.Get(p.Name), StringComparison.OrdinalIgnoreCase))
                return false;
        return true;
    }

    private static string NormalHost(string host)
    {
        if (host.StartsWith('[') && IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var address))
            return address.ToString();
        return host.ToLowerInvariant();
    }

    private static string? TelNumber(string? number)
    {
        if (number is null)
            return null;
        Span<char> buffer = number.Length <= 128 ? stackalloc char[number.Length] : new char[number.Length];
        var n = 0;
        foreach (var c in number)
            if (c is not ('-' or '.' or '(' or ')'))
                buffer[n++] = char.ToUpperInvariant(c);
        return new string(buffer[..n]);
    }
}
