namespace CallFlow.Sip.Sdp;

/// <summary>The media direction attributes of RFC 4566 §6 / RFC 3264 §5.1; hold is sendonly or inactive.</summary>
public enum SdpDirection
{
    /// <summary>a=sendrecv, the default.</summary>
    SendRecv,
    /// <summary>a=sendonly: the sender puts the other side on hold.</summary>
    SendOnly,
    /// <summary>a=recvonly.</summary>
    RecvOnly,
    /// <summary>a=inactive.</summary>
    Inactive,
}
