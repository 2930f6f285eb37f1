using System.Collections.Concurrent;
using CallFlow.Sip.Transport;

namespace CallFlow.Sip.Transactions;

/// <summary>
/// The server side of RFC 3261's transaction layer (§17.2) over a <see cref="SipTransport"/>: matches requests to
/// transactions (§17.2.3: branch, sent-by and method; CANCEL and ACK find their INVITE), answers retransmissions with
/// the last response, retransmits final responses over UDP (Timer G), absorbs late retransmissions (Timers H, I, J),
/// and retransmits a 2xx to INVITE until its ACK arrives (§13.3.1.4). One timer loop serves every transaction: no
/// timer or thread per call. The client side (§17.1) runs on the same loop: <see cref="SendAsync"/> starts a
/// <see cref="ClientTransaction"/>, and responses are matched to it by the top Via's branch and the CSeq method.
/// </summary>
public sealed class SipTransactionLayer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServerTransaction> _transactions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingTwoHundred> _unacknowledged = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _timerLoop;

    /// <summary>A layer over <paramref name="transport"/>; hook <see cref="HandleAsync"/> to the transport's Received.</summary>
    public SipTransactionLayer(SipTransport transport, TimeProvider? clock = null, SipTimers? timers = null)
    {
        Transport = transport;
        Clock = clock ?? TimeProvider.System;
        Timers = timers ?? SipTimers.Default;
        _timerLoop = Task.Run(TimerLoopAsync);
    }

    /// <summary>The transport below.</summary>
    public SipTransport Transport { get; }

    /// <summary>The clock the timers read.</summary>
    public TimeProvider Clock { get; }

    /// <summary>T1, T2 and T4.</summary>
    public SipTimers Timers { get; }

    /// <summary>A request that starts a new transaction (not ACK): the transaction user answers through it.</summary>
    public required Func<ServerTransaction, ValueTask> RequestReceived { get; init; }

    /// <summary>An ACK for a 2xx (it has no transaction of its own): the dialog it confirms.</summary>
    public Func<SipIncoming, ValueTask>? AckReceived { get; init; }

    /// <summary>A CANCEL whose INVITE transaction is still in progress (it was already answered 200 here): the
    /// transaction user should answer the INVITE 487.</summary>
    public Func<ServerTransaction, ValueTask>? Cancelled { get; init; }

    /// <summary>A 2xx to INVITE was retransmitted for 64×T1 without an ACK: the dialog should end (send BYE).</summary>
    public Action<SipMessage>? TwoHundredNotAcknowledged { get; init; }

    /// <summary>Responses that match no client transaction (a 2xx retransmitted after its transaction ended, strays).</summary>
    public Func<SipIncoming, ValueTask>? ResponseReceived { get; init; }

    /// <summary>Client transactions alive now.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Transactions alive now.</summary>
    public int Count => _transactions.Count;

    /// <summary>Handles one message from the transport.</summary>
    public async ValueTask HandleAsync(SipIncoming incoming)
    {
        var message = incoming.Message;
        if (message.IsResponse)
        {
            // §17.1.3: the top Via's branch and the CSeq method find the client transaction.
            if (message.TopVia?.Branch is { } branch && message.CSeq is { } responseCSeq
                && _clients.TryGetValue(ClientKey(branch, responseCSeq.Method), out var client))
            {
                var (reply, sendCancel) = client.OnResponse(message);
                if (reply is not null)
                    await Transport.SendAsync(reply, client.Peer).ConfigureAwait(false);
                if (sendCancel)
                    _ = SendCancelAsync(client);
                return;
            }
            if (ResponseReceived is not null)
                await ResponseReceived(incoming).ConfigureAwait(false);
            return;
        }
        if (message.TopVia is not { } via || message.CSeq is not { } cseq)
            return;
        var method = message.Method!;
        if (method == SipMethods.Ack)
        {
            // An ACK for a non-2xx final response belongs to the INVITE transaction; one for a 2xx to the dialog.
            if (_transactions.TryGetValue(Key(via, SipMethods.Invite), out var invite) && invite.FinalStatus >= 300)
            {
                invite.Acknowledged();
                return;
            }
            _unacknowledged.TryRemove(DialogKey(message.CallId, cseq.Number), out _);
            if (AckReceived is not null)
                await AckReceived(incoming).ConfigureAwait(false);
            return;
        }
        var key = Key(via, method);
        if (_transactions.TryGetValue(key, out var existing))
        {
            await existing.RetransmissionAsync().ConfigureAwait(false);
            return;
        }
        var transaction = new ServerTransaction(this, key, message, incoming.Peer);
        if (!_transactions.TryAdd(key, transaction))
            return;
        if (method == SipMethods.Cancel)
        {
            // §9.2: the CANCEL is answered 200 if it matches an INVITE in progress, 481 otherwise.
            var matched = _transactions.TryGetValue(Key(via, SipMethods.Invite), out var target)
                && target.State == ServerTransactionState.Proceeding;
            await transaction.RespondAsync(message.CreateResponse(matched ? 200 : 481)).ConfigureAwait(false);
            if (matched && Cancelled is not null)
                await Cancelled(target!).ConfigureAwait(false);
            return;
        }
        if (transaction.IsInvite)
        {
            // §17.2.1: answer 100 Trying at once, so the caller stops retransmitting over UDP.
            await transaction.RespondAsync(message.CreateResponse(100)).ConfigureAwait(false);
        }
        await RequestReceived(transaction).ConfigureAwait(false);
    }

    /// <summary>Sends a 2xx to an INVITE and retransmits it (T1, doubling to T2) until its ACK, for 64×T1.</summary>
    public async ValueTask SendInviteSuccessAsync(ServerTransaction invite, SipMessage response, CancellationToken cancellationToken = default)
    {
        // Registered before the 200 goes out: on loopback the ACK can arrive before the send returns, and an ACK that
        // finds nothing to stop would leave the 200 being retransmitted to a caller who already acknowledged it.
        if (!invite.Reliable && invite.Request.CSeq is { } cseq)
        {
            var now = Clock.GetUtcNow();
            _unacknowledged[DialogKey(invite.Request.CallId, cseq.Number)] =
                new PendingTwoHundred(response, response.ToBytes(), invite.Peer, now + Timers.T1, Timers.T1, now + Timers.Timeout);
        }
        await invite.RespondAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="request"/> (with a unique Via branch) to <paramref name="peer"/> in a new client
    /// transaction, retransmitted over UDP until a response. The returned transaction's <see cref="ClientTransaction.Final"/>
    /// is the final response, or null after 64×T1 without one. Not for ACK (it has no transaction; send it directly).
    /// </summary>
    public async ValueTask<ClientTransaction> SendAsync(SipMessage request, SipPeer peer, Action<SipMessage>? provisional = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethods.Ack || request.TopVia?.Branch is not { } branch || request.CSeq is null)
            throw new ArgumentException("a client transaction needs a request other than ACK with a Via branch and a CSeq", nameof(request));
        var transaction = new ClientTransaction(this, ClientKey(branch, request.Method!), request, peer, provisional);
        if (!_clients.TryAdd(transaction.Key, transaction))
            throw new InvalidOperationException($"a client transaction with branch {branch} is already running");
        await Transport.SendAsync(transaction.Bytes, peer, cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>
    /// Cancels an INVITE client transaction (§9.1): a CANCEL with the INVITE's Request-URI, Call-ID, From, To, CSeq
    /// number and top Via, sent at once if a provisional response came, else as soon as one does. The INVITE then ends
    /// with 487 (or a 2xx that crossed the CANCEL, which the caller must then end with BYE).
    /// </summary>
    public ValueTask CancelAsync(ClientTransaction invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        return invite.IsInvite && invite.CancelNowOrLater() ? new ValueTask(SendCancelAsync(invite)) : ValueTask.CompletedTask;
    }

    private async Task SendCancelAsync(ClientTransaction invite)
    {
        var request = invite.Request;
        var cancel = SipMessage.NewRequest(SipMethods.Cancel, request.RequestUri!);
        cancel.Headers.Add(SipHeaderNames.Via, request.Headers.GetFirst(SipHeaderNames.Via)!);
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        cancel.Headers.Add(SipHeaderNames.From, request.Headers.GetFirst(SipHeaderNames.From)!);
        cancel.Headers.Add(SipHeaderNames.To, request.Headers.GetFirst(SipHeaderNames.To)!);
        cancel.Headers.Add(SipHeaderNames.CallId, request.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, $"{request.CSeq!.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)} CANCEL");
        foreach (var route in request.Headers.GetAll(SipHeaderNames.Route))
            cancel.Headers.Add(SipHeaderNames.Route, route);
        cancel.Headers.Add(SipHeaderNames.ContentLength, "0");
        try
        {
            await SendAsync(cancel, invite.Peer).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // A CANCEL for this INVITE is already on its way.
        }
    }

    internal void Forget(ServerTransaction transaction) => _transactions.TryRemove(transaction.Key, out _);

    private static string Key(SipVia via, string method) =>
        // RFC 3261 branches are unique; an RFC 2543 peer's requests without one are matched by branch-less sent-by.
        $"{via.Branch}|{via.SentBy}|{method}";

    private static string ClientKey(string branch, string method) => $"{branch}|{method}";

    private static string DialogKey(string? callId, uint cseq) => $"{callId}|{cseq}";

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50), Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = Clock.GetUtcNow();
                foreach (var (key, transaction) in _transactions)
                {
                    if (transaction.OnTimer(now, out var retransmit))
                        _transactions.TryRemove(key, out _);
                    else if (retransmit is not null)
                        await Transport.SendAsync(retransmit, transaction.Peer).ConfigureAwait(false);
                }
                foreach (var (key, client) in _clients)
                {
                    if (client.OnTimer(now, out var again))
                        _clients.TryRemove(key, out _);
                    else if (again is not null)
                        await Transport.SendAsync(again, client.Peer).ConfigureAwait(false);
                }
                foreach (var (key, pending) in _unacknowledged)
                {
                    if (now >= pending.GiveUpAt)
                    {
                        if (_unacknowledged.TryRemove(key, out _))
                            TwoHundredNotAcknowledged?.Invoke(pending.Response);
                    }
                    else if (now >= pending.Next)
                    {
                        var interval = pending.Interval * 2 > Timers.T2 ? Timers.T2 : pending.Interval * 2;
                        // TryUpdate, not an assignment: an ACK that removed the entry meanwhile must not be undone.
                        if (!_unacknowledged.TryUpdate(key, pending with { Next = now + interval, Interval = interval }, pending))
                            continue;
                        await Transport.SendAsync(pending.Bytes, pending.Peer).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var client in _clients.Values)
            client.Abandon();
        await _timerLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private sealed record PendingTwoHundred(SipMessage Response, byte[] Bytes, SipPeer Peer, DateTimeOffset Next, TimeSpan Interval, DateTimeOffset GiveUpAt);
}
