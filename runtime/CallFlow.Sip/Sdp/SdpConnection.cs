namespace CallFlow.Sip.Sdp;

/// <summary>The c= line (RFC 4566 §5.7): where media is to be sent.</summary>
/// <example><code>new SdpConnection("IN", "IP4", "192.0.2.10").ToString() == "IN IP4 192.0.2.10"</code></example>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>The address without a multicast /ttl or /count suffix.</summary>
    public string HostAddress => Address.Split('/')[0];

    /// <summary>True for 0.0.0.0 (or ::): the RFC 2543 way of putting a call on hold (RFC 3264 §8.4).</summary>
    public bool IsNullAddress => HostAddress is "0.0.0.0" or "::";

    /// <summary>The value of the c= line.</summary>
    public override string ToString() => $"{NetworkType} {AddressType} {Address}";

    /// <summary>A connection for a local address; IPv6 when it contains ':'.</summary>
    public static SdpConnection For(string address) => new("IN", address.Contains(':') ? "IP6" : "IP4", address);

    internal static SdpConnection? Parse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 ? new SdpConnection(parts[0], parts[1], parts[2]) : null;
    }
}
