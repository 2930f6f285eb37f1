using CallFlow.Media;
using CallFlow.Sip;
using CallFlow.Sip.Sdp;
using CallFlow.Sip.Transactions;
using CallFlow.Sip.Transport;

namespace CallFlow.Server.Sip;

/// <summary>One call leg's dialog (RFC 3261 §12): its identifiers, the peer all requests go to, its media and channel,
/// and what CallFlow's own requests in it carry (From, To, Request-URI, CSeq). As the UAS (a caller's INVITE) these come
/// from the INVITE; as the UAC (a call CallFlow placed: a page, a transfer target) from its INVITE and the 2xx.</summary>
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

    /// <summary>
    /// Answers this dialog's offers (a re-INVITE's hold or resume); its o= line continues the dialog's first SDP, ours
    /// or the answer we gave, and its version moves only when this dialog's SDP changes (RFC 3264 §8).
    /// </summary>
    public required SdpAnswerer Answerer { get; init; }

    /// <summary>Whether CallFlow placed this call (it sent the INVITE).</summary>
    public bool Outbound { get; init; }

    /// <summary>Our side (From of our requests): the INVITE's To with our tag, or our own From when we called.</summary>
    public string LocalParty { get; init; } = $"{invite.Headers.GetFirst(SipHeaderNames.To)};tag={localTag}";

    /// <summary>The other side (To of our requests), with its tag.</summary>
    public string RemoteParty { get; init; } = invite.Headers.GetFirst(SipHeaderNames.From)!;

    /// <summary>The Request-URI of our requests: the other side's Contact.</summary>
    public SipUri RemoteTarget { get; init; } = invite.Contacts is { Count: > 0 } contacts ? contacts[0].Uri : invite.From!.Uri;

    /// <summary>Our CSeq numbers continue from here.</summary>
    public uint CSeqBase { get; init; } = invite.CSeq?.Number ?? 0;

    /// <summary>The call's handler context (its last recording, variables), once the call started.</summary>
    public CallFlow.Runtime.Hosting.CallContext? Context { get; set; }

    /// <summary>Set when this leg's audio is connected to another leg (an assisted transfer, a picked-up park): the
    /// flow has let the call go, and the dialog lives until either side hangs up.</summary>
    public MediaBridge? Bridge { get; set; }

    /// <summary>The leg this one is connected to by <see cref="Bridge"/>.</summary>
    public SipDialog? Partner { get; set; }

    /// <summary>For a call that picks up a parked call: the parked call it claimed.</summary>
    public ParkedCall? PickingUp { get; set; }

    /// <summary>For a call CallFlow placed: the ACK sent for its 2xx, repeated if the 2xx comes again.</summary>
    public SipMessage? Ack { get; set; }

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
