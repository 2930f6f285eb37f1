using System.Net;

namespace CallFlow.Sip.Transport;

/// <summary>
/// Where a message came from, and so where everything in reply goes (RFC 3261 §18.2.2 with RFC 3581 rport): the
/// source address and port of the datagram, or the TCP connection it arrived on. Hosts named inside messages (Via
/// sent-by, Contact) are never used to send: a forged header cannot make the server send packets elsewhere.
/// </summary>
public sealed record SipPeer(IPEndPoint EndPoint, SipConnection? Connection)
{
    /// <summary>"udp 127.0.0.1:5061" or "tcp ...".</summary>
    public override string ToString() => $"{(Connection is null ? "udp" : "tcp")} {EndPoint}";
}
