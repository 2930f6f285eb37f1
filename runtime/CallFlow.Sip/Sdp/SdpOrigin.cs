namespace CallFlow.Sip.Sdp;

/// <summary>The o= line (RFC 4566 §5.2): username, session id and version, network and address type, address.</summary>
/// <example><code>new SdpOrigin("CallFlow", "42", "42", "IN", "IP4", "192.0.2.10").ToString() == "CallFlow 42 42 IN IP4 192.0.2.10"</code></example>
public sealed record SdpOrigin(string UserName, string SessionId, string SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>The value of the o= line.</summary>
    public override string ToString() => $"{UserName} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";

    internal static SdpOrigin? Parse(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 6 ? new SdpOrigin(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }
}
