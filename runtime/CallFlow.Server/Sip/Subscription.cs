using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Sip;
using CallFlow.Sip.Transport;

namespace CallFlow.Server.Sip;

/// <summary>
/// One message-waiting subscription (RFC 6665) and its dialog, where CallFlow is the notifier: who subscribed to which
/// mailbox, where NOTIFYs go, until when, and the NOTIFY to send next. It owns no thread or timer: the front end's one
/// loop expires it, and a NOTIFY is only a task while one is in flight.
/// </summary>
/// <remarks>
/// NOTIFYs of one subscription go out one at a time, so they arrive in CSeq order (a subscriber answers an older CSeq
/// with 500, RFC 3261 §12.2.2). A change while one is in flight only replaces the state to send next: a mailbox
/// that changes ten times during one round trip costs one more NOTIFY, with the latest counts.
/// </remarks>
internal sealed class Subscription
{
    private readonly Lock _lock = new();
    private SipUri _remoteTarget;
    private SipPeer _peer;
    private DateTimeOffset _expiresAt;
    private uint _remoteCSeq;
    private uint _localCSeq;
    private MessageSummary? _latest;
    private string? _endReason;
    private uint? _retryAfter;
    private bool _dirty;
    private bool _sending;
    private bool _closed;
    private bool _finished;
    private int _accepted;

    /// <param name="callId">The dialog's Call-ID.</param>
    /// <param name="localTag">Our tag, given in the 200 to the SUBSCRIBE.</param>
    /// <param name="localAddress">Our From for NOTIFYs: the SUBSCRIBE's To with our tag.</param>
    /// <param name="remoteAddress">Our To for NOTIFYs: the SUBSCRIBE's From, with the subscriber's tag.</param>
    /// <param name="remoteTag">The subscriber's tag (null when its From had none).</param>
    /// <param name="eventId">The Event header's id, echoed in every NOTIFY.</param>
    /// <param name="mailbox">The mailbox whose lamp this is.</param>
    /// <param name="account">The Message-Account URI of the NOTIFY bodies.</param>
    /// <param name="routeSet">The SUBSCRIBE's Record-Route values, in order: the dialog's route set (RFC 3261 §12.1.1).</param>
    /// <param name="remoteTarget">The SUBSCRIBE's Contact: the NOTIFY's Request-URI.</param>
    /// <param name="peer">Where the SUBSCRIBE came from: where every NOTIFY is sent.</param>
    /// <param name="remoteCSeq">The SUBSCRIBE's CSeq number.</param>
    /// <param name="expiresAt">When the subscription ends unless refreshed.</param>
    public Subscription(string callId, string localTag, string localAddress, string remoteAddress, string? remoteTag, string? eventId,
        string mailbox, string account, ImmutableArray<string> routeSet, SipUri remoteTarget, SipPeer peer, uint remoteCSeq, DateTimeOffset expiresAt)
    {
        CallId = callId;
        LocalTag = localTag;
        LocalAddress = localAddress;
        RemoteAddress = remoteAddress;
        RemoteTag = remoteTag;
        EventId = eventId;
        Mailbox = mailbox;
        Account = account;
        RouteSet = routeSet;
        _remoteTarget = remoteTarget;
        _peer = peer;
        _remoteCSeq = remoteCSeq;
        _expiresAt = expiresAt;
    }

    /// <summary>What a refresh SUBSCRIBE led to.</summary>
    public enum RefreshResult
    {
        /// <summary>Accepted: the expiry, target and peer are updated (or, with Expires 0, the subscription is closed).</summary>
        Refreshed,

        /// <summary>Its CSeq is not above the last one: 500 (RFC 3261 §12.2.2).</summary>
        OutOfOrder,

        /// <summary>The subscription has already ended: 481.</summary>
        Ended,
    }

    public string CallId { get; }
    public string LocalTag { get; }
    public string LocalAddress { get; }
    public string RemoteAddress { get; }
    public string? RemoteTag { get; }
    public string? EventId { get; }
    public string Mailbox { get; }
    public string Account { get; }
    public ImmutableArray<string> RouteSet { get; }

    /// <summary>The key the registry finds it by: Call-ID and our tag, which the subscriber's requests carry as To tag.</summary>
    public string Key => KeyOf(CallId, LocalTag);

    /// <summary>NOTIFYs the subscriber answered with 2xx.</summary>
    public int NotifiesAccepted => Volatile.Read(ref _accepted);

    /// <summary>When it ends unless refreshed.</summary>
    public DateTimeOffset ExpiresAt
    {
        get
        {
            lock (_lock)
                return _expiresAt;
        }
    }

    public static string KeyOf(string? callId, string? localTag) => $"{callId}|{localTag}";

    /// <summary>
    /// A SUBSCRIBE in the dialog: a refresh until <paramref name="expiresAt"/>, or with null an unsubscribe, after which
    /// the subscription takes no more refreshes. SUBSCRIBE is a target refresh request (RFC 6665), and
    /// NOTIFYs follow the subscriber to where its latest SUBSCRIBE came from.
    /// </summary>
    public RefreshResult Refresh(uint cseq, DateTimeOffset? expiresAt, SipUri? remoteTarget, SipPeer peer)
    {
        lock (_lock)
        {
            if (_closed)
                return RefreshResult.Ended;
            if (cseq <= _remoteCSeq)
                return RefreshResult.OutOfOrder;
            _remoteCSeq = cseq;
            _remoteTarget = remoteTarget ?? _remoteTarget;
            _peer = peer;
            if (expiresAt is { } until)
                _expiresAt = until;
            else
                _closed = true;
            return RefreshResult.Refreshed;
        }
    }

    /// <summary>Closes the subscription if it has expired at <paramref name="now"/>; true when this call closed it.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_closed || now < _expiresAt)
                return false;
            _closed = true;
            return true;
        }
    }

    /// <summary>
    /// The state to send next. True when no NOTIFY is in flight, so the caller must start sending
    /// (<see cref="TryTakeNext"/> until it returns false).
    /// </summary>
    public bool Offer(MessageSummary summary)
    {
        lock (_lock)
        {
            if (_finished || _endReason is not null)
                return false;
            _latest = summary;
            _dirty = true;
            return StartIfIdle();
        }
    }

    /// <summary>
    /// Ends the subscription with a final NOTIFY (terminated, <paramref name="reason"/>), carrying
    /// <paramref name="summary"/> or else the last state known. True when the caller must start sending.
    /// </summary>
    public bool End(string reason, MessageSummary? summary, uint? retryAfter = null)
    {
        lock (_lock)
        {
            if (_finished || _endReason is not null)
                return false;
            _closed = true;
            _endReason = reason;
            _retryAfter = retryAfter;
            _latest = summary ?? _latest;
            _dirty = true;
            return StartIfIdle();
        }
    }

    /// <summary>The next NOTIFY to send, numbered; false (and the sender stops) when there is none.</summary>
    public bool TryTakeNext(DateTimeOffset now, out Notification next)
    {
        lock (_lock)
        {
            if (_finished || !_dirty)
            {
                _sending = false;
                next = default;
                return false;
            }
            _dirty = false;
            var remaining = _expiresAt - now;
            var expiresIn = remaining <= TimeSpan.Zero ? 0u : (uint)Math.Ceiling(remaining.TotalSeconds);
            next = new Notification(_latest, _endReason, _retryAfter, ++_localCSeq, _peer, _remoteTarget, expiresIn);
            return true;
        }
    }

    /// <summary>The subscriber answered a NOTIFY with 2xx.</summary>
    public void Accepted() => Interlocked.Increment(ref _accepted);

    /// <summary>Nothing more is sent: the final NOTIFY went out, or a NOTIFY failed.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _finished = true;
            _closed = true;
            _sending = false;
        }
    }

    private bool StartIfIdle()
    {
        if (_sending)
            return false;
        _sending = true;
        return true;
    }

    /// <summary>One NOTIFY to send: the state (null before any was read), whether it is the last, and where it goes.</summary>
    public readonly record struct Notification(MessageSummary? Summary, string? EndReason, uint? RetryAfter, uint CSeq, SipPeer Peer,
        SipUri Target, uint ExpiresIn)
    {
        public bool IsFinal => EndReason is not null;

        /// <summary>The Subscription-State value (RFC 6665 §8.2.3).</summary>
        public string State => EndReason is null
            ? string.Create(CultureInfo.InvariantCulture, $"active;expires={ExpiresIn}")
            : RetryAfter is { } after
                ? string.Create(CultureInfo.InvariantCulture, $"terminated;reason={EndReason};retry-after={after}")
                : $"terminated;reason={EndReason}";
    }
}
