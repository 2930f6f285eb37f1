using CallFlow.Sip.Transport;

namespace CallFlow.Sip.Transactions;

/// <summary>
/// One client transaction (RFC 3261 §17.1): a request CallFlow sent, retransmitted over UDP as the RFC's timers say
/// (Timer A for INVITE, E for the others), given up after 64×T1 without a final response (Timers B and F), and, for an
/// INVITE answered with a failure, acknowledged by the transaction itself (§17.1.1.3) with every retransmitted failure
/// acknowledged again (Timer D). A 2xx to INVITE is the transaction user's to acknowledge; the transaction then stays
/// "accepted" (RFC 6026) for 64×T1 and repeats the user's ACK for every retransmitted 2xx.
/// </summary>
public sealed class ClientTransaction
{
    private readonly SipTransactionLayer _layer;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<SipMessage?> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _bytes;
    private byte[]? _ack;
    private bool _cancelWhenProvisional;

    internal ClientTransaction(SipTransactionLayer layer, string key, SipMessage request, SipPeer peer, Action<SipMessage>? provisional)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Peer = peer;
        Provisional = provisional;
        _bytes = request.ToBytes();
        var now = layer.Clock.GetUtcNow();
        RetransmitInterval = layer.Timers.T1;
        NextRetransmit = Reliable ? DateTimeOffset.MaxValue : now + RetransmitInterval;
        ExpiresAt = now + layer.Timers.Timeout;
    }

    internal string Key { get; }

    /// <summary>The request sent.</summary>
    public SipMessage Request { get; }

    /// <summary>Where it was sent.</summary>
    public SipPeer Peer { get; }

    /// <summary>Whether this is an INVITE transaction.</summary>
    public bool IsInvite => Request.Method == SipMethods.Invite;

    /// <summary>The final response, or null when none came within 64×T1 (or the transaction was abandoned).</summary>
    public Task<SipMessage?> Final => _final.Task;

    /// <summary>The last provisional response (1xx), if any came.</summary>
    public SipMessage? LastProvisional { get; private set; }

    /// <summary>Told of each provisional response, on the transport's receive path (keep it short).</summary>
    internal Action<SipMessage>? Provisional { get; }

    internal byte[] Bytes => _bytes;

    internal bool Reliable => Peer.Connection is not null;

    // Timer bookkeeping, read by the layer's single timer loop.
    internal DateTimeOffset NextRetransmit { get; private set; }
    internal TimeSpan RetransmitInterval { get; private set; }
    internal DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>True once a final response arrived.</summary>
    public bool IsCompleted => _final.Task.IsCompleted;

    /// <summary>Sets the ACK for a 2xx (sent by the transaction user), which the transaction repeats for retransmitted 2xx.</summary>
    public void Accepted(SipMessage ack)
    {
        lock (_lock)
            _ack = ack.ToBytes();
    }

    /// <summary>Whether a CANCEL may be sent now (RFC 3261 §9.1: only after a provisional response); if not, it is sent
    /// by the layer as soon as one arrives.</summary>
    internal bool CancelNowOrLater()
    {
        lock (_lock)
        {
            if (LastProvisional is not null)
                return !IsCompleted;
            _cancelWhenProvisional = true;
            return false;
        }
    }

    /// <summary>A response for this transaction. Returns bytes to send back (an ACK), and whether a deferred CANCEL is
    /// due now.</summary>
    internal (byte[]? Reply, bool SendCancel) OnResponse(SipMessage response)
    {
        var now = _layer.Clock.GetUtcNow();
        lock (_lock)
        {
            if (response.StatusCode < 200)
            {
                if (IsCompleted)
                    return (null, false);
                var first = LastProvisional is null;
                LastProvisional = response;
                if (IsInvite)
                {
                    // §17.1.1.2: a provisional response stops Timer A and Timer B (a call may ring for minutes; the
                    // transaction user has its own ring timeout and cancels). A peer that then never sends a final
                    // response would keep the transaction forever, so each provisional allows 3 minutes more, as a
                    // proxy's Timer C does (§16.6).
                    NextRetransmit = DateTimeOffset.MaxValue;
                    ExpiresAt = now + TimeSpan.FromMinutes(3);
                }
                else
                {
                    // §17.1.2.2: in Proceeding the request is retransmitted every T2.
                    RetransmitInterval = _layer.Timers.T2;
                    NextRetransmit = Reliable ? DateTimeOffset.MaxValue : now + RetransmitInterval;
                }
                var cancel = first && _cancelWhenProvisional;
                _cancelWhenProvisional = false;
                Provisional?.Invoke(response);
                return (null, cancel);
            }
            NextRetransmit = DateTimeOffset.MaxValue;
            if (IsInvite && response.StatusCode < 300)
            {
                // Accepted (RFC 6026 §7.2): linger to repeat the TU's ACK for retransmitted 2xx.
                if (_final.TrySetResult(response))
                    ExpiresAt = now + _layer.Timers.Timeout;
                return (_ack, false);
            }
            if (IsInvite)
            {
                // Completed: ACK every copy of the failure; Timer D (32 s over UDP, 0 over TCP).
                if (_final.TrySetResult(response))
                    ExpiresAt = now + (Reliable ? TimeSpan.Zero : TimeSpan.FromSeconds(32));
                _ack ??= BuildAck(response).ToBytes();
                return (_ack, false);
            }
            // Non-INVITE Completed: Timer K (T4 over UDP) absorbs retransmitted responses.
            if (_final.TrySetResult(response))
                ExpiresAt = now + (Reliable ? TimeSpan.Zero : _layer.Timers.T4);
            return (null, false);
        }
    }

    /// <summary>Called by the timer loop; returns whether the transaction is over, and bytes to retransmit.</summary>
    internal bool OnTimer(DateTimeOffset now, out byte[]? retransmit)
    {
        retransmit = null;
        lock (_lock)
        {
            if (now >= ExpiresAt)
            {
                // Timer B or F without a final response: the TU sees null (treated as 408).
                _final.TrySetResult(null);
                return true;
            }
            if (now >= NextRetransmit)
            {
                retransmit = _bytes;
                // Timer A doubles without bound until Timer B; Timer E doubles up to T2.
                RetransmitInterval = IsInvite || RetransmitInterval * 2 <= _layer.Timers.T2 ? RetransmitInterval * 2 : _layer.Timers.T2;
                NextRetransmit = now + RetransmitInterval;
            }
            return false;
        }
    }

    /// <summary>Stops retransmitting and completes with null: the transaction user no longer waits (shutdown).</summary>
    internal void Abandon()
    {
        lock (_lock)
        {
            NextRetransmit = DateTimeOffset.MaxValue;
            _final.TrySetResult(null);
        }
    }

    /// <summary>The ACK for a non-2xx final response (§17.1.1.3): the INVITE's Request-URI, top Via, Call-ID, From and
    /// Route, the response's To (with its tag), CSeq number with method ACK.</summary>
    private SipMessage BuildAck(SipMessage response)
    {
        var ack = SipMessage.NewRequest(SipMethods.Ack, Request.RequestUri!);
        ack.Headers.Add(SipHeaderNames.Via, Request.Headers.GetFirst(SipHeaderNames.Via)!);
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        ack.Headers.Add(SipHeaderNames.From, Request.Headers.GetFirst(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, response.Headers.GetFirst(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, Request.CallId!);
        ack.Headers.Add(SipHeaderNames.CSeq, $"{Request.CSeq!.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)} ACK");
        foreach (var route in Request.Headers.GetAll(SipHeaderNames.Route))
            ack.Headers.Add(SipHeaderNames.Route, route);
        ack.Headers.Add(SipHeaderNames.ContentLength, "0");
        return ack;
    }
}
