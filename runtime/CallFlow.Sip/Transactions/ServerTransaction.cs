using CallFlow.Sip.Transport;

namespace CallFlow.Sip.Transactions;

/// <summary>
/// One server transaction (RFC 3261 §17.2): the request, where it came from, and the responses sent, which the layer
/// retransmits as the RFC's timers say. The transaction user answers with <see cref="RespondAsync"/>.
/// </summary>
public sealed class ServerTransaction
{
    private readonly SipTransactionLayer _layer;
    private readonly Lock _lock = new();

    internal ServerTransaction(SipTransactionLayer layer, string key, SipMessage request, SipPeer peer)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Peer = peer;
        State = IsInvite ? ServerTransactionState.Proceeding : ServerTransactionState.Trying;
    }

    internal string Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipMessage Request { get; }

    /// <summary>Where it came from, and where responses go.</summary>
    public SipPeer Peer { get; }

    /// <summary>Whether this is an INVITE transaction.</summary>
    public bool IsInvite => Request.Method == SipMethods.Invite;

    /// <summary>The current state.</summary>
    public ServerTransactionState State { get; private set; }

    /// <summary>The last response sent, serialized (what a retransmitted request gets again).</summary>
    internal byte[]? LastResponse { get; private set; }

    /// <summary>The final status sent, or 0.</summary>
    public int FinalStatus { get; private set; }

    // Timer bookkeeping, read by the layer's single timer loop.
    internal DateTimeOffset NextRetransmit { get; set; } = DateTimeOffset.MaxValue;
    internal TimeSpan RetransmitInterval { get; set; }
    internal DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MaxValue;

    internal bool Reliable => Peer.Connection is not null;

    /// <summary>Sends a response in this transaction. A final response moves it to Completed (or, for a 2xx to INVITE,
    /// ends it: the dialog retransmits 2xx until the ACK, RFC 3261 §13.3.1.4). Responses after a final one are ignored.</summary>
    public async ValueTask RespondAsync(SipMessage response, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        lock (_lock)
        {
            if (State is ServerTransactionState.Completed or ServerTransactionState.Confirmed or ServerTransactionState.Terminated)
                return;
            bytes = response.ToBytes();
            LastResponse = bytes;
            var now = _layer.Clock.GetUtcNow();
            if (response.StatusCode < 200)
                State = ServerTransactionState.Proceeding;
            else if (IsInvite && response.StatusCode < 300)
            {
                FinalStatus = response.StatusCode;
                State = ServerTransactionState.Terminated;
            }
            else
            {
                FinalStatus = response.StatusCode;
                State = ServerTransactionState.Completed;
                if (IsInvite)
                {
                    // Timer G retransmits over UDP until the ACK; Timer H gives up.
                    RetransmitInterval = _layer.Timers.T1;
                    NextRetransmit = Reliable ? DateTimeOffset.MaxValue : now + RetransmitInterval;
                    ExpiresAt = now + _layer.Timers.Timeout;
                }
                else
                {
                    // Timer J: absorb retransmissions for 64×T1 over UDP, none over TCP.
                    ExpiresAt = now + (Reliable ? TimeSpan.Zero : _layer.Timers.Timeout);
                }
            }
        }
        await _layer.Transport.SendAsync(bytes, Peer, cancellationToken).ConfigureAwait(false);
        if (State == ServerTransactionState.Terminated)
            _layer.Forget(this);
    }

    /// <summary>A retransmission of the request arrived: send the last response again, if any.</summary>
    internal ValueTask RetransmissionAsync() =>
        LastResponse is { } bytes ? _layer.Transport.SendAsync(bytes, Peer) : ValueTask.CompletedTask;

    /// <summary>The ACK for a non-2xx final response: stop retransmitting, linger for Timer I.</summary>
    internal void Acknowledged()
    {
        lock (_lock)
        {
            if (State != ServerTransactionState.Completed)
                return;
            State = ServerTransactionState.Confirmed;
            NextRetransmit = DateTimeOffset.MaxValue;
            ExpiresAt = _layer.Clock.GetUtcNow() + (Reliable ? TimeSpan.Zero : _layer.Timers.T4);
        }
    }

    /// <summary>Called by the timer loop; returns whether the transaction is over.</summary>
    internal bool OnTimer(DateTimeOffset now, out byte[]? retransmit)
    {
        retransmit = null;
        lock (_lock)
        {
            if (now >= ExpiresAt)
            {
                State = ServerTransactionState.Terminated;
                return true;
            }
            if (now >= NextRetransmit && LastResponse is { } bytes)
            {
                retransmit = bytes;
                RetransmitInterval = RetransmitInterval * 2 > _layer.Timers.T2 ? _layer.Timers.T2 : RetransmitInterval * 2;
                NextRetransmit = now + RetransmitInterval;
            }
            return false;
        }
    }
}
