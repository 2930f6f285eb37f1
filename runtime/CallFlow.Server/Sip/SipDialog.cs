using CallFlow.Media;
using CallFlow.Sip;
using CallFlow.Sip.Transactions;
using CallFlow.Sip.Transport;

namespace CallFlow.Server.Sip;

/// <summary>One call's dialog (RFC 3261 §12) as the UAS: its identifiers, the peer all requests go to, its media and
/// channel, and the CSeq of requests CallFlow sends in it (BYE).</summary>
internal sealed class SipDialog(string callId, string localTag, string remoteTag, SipMessage invite, SipPeer peer, RtpSession media, SipCallChannel channel)
{
    private uint _localCSeq;

    public string CallId { get; } = callId;
    public string LocalTag { get; } = localTag;
    public string RemoteTag { get; } = remoteTag;
    public SipMessage Invite { get; } = invite;
    public SipPeer Peer { get; } = peer;
    public RtpSession Media { get; } = media;
    public SipCallChannel Channel { get; } = channel;

    /// <summary>The INVITE transaction until it is answered (CANCEL ends it with 487).</summary>
    public ServerTransaction? PendingInvite { get; set; }

    /// <summary>Set once the ACK for the 2xx arrived and the call's flow runs.</summary>
    public bool Confirmed { get; set; }

    /// <summary>Set when either side has ended the dialog.</summary>
    public bool Ended { get; set; }

    /// <summary>The call's session, run from the ACK.</summary>
    public CallFlow.Runtime.Hosting.CallSession? Session { get; set; }

    /// <summary>The start point or module the call runs.</summary>
    public string? Address { get; set; }

    public uint NextCSeq() => Interlocked.Increment(ref _localCSeq);

    public static string Key(string? callId, string? localTag) => $"{callId}|{localTag}";
}
