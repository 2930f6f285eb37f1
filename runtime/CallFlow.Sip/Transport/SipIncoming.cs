namespace CallFlow.Sip.Transport;

/// <summary>A message the transport received and parsed, and the peer it came from.</summary>
public sealed record SipIncoming(SipMessage Message, SipPeer Peer);
