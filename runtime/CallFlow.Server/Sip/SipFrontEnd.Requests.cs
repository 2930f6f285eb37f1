using System.Globalization;
using CallFlow.Sip;
using CallFlow.Sip.Transactions;
using CallFlow.Sip.Transport;

namespace CallFlow.Server.Sip;

/// <summary>Requests CallFlow sends in a dialog, and the responses that answer them.</summary>
public sealed partial class SipFrontEnd
{
    private SipMessage InDialogRequest(SipDialog dialog, string method)
    {
        var message = SipMessage.NewRequest(method, dialog.RemoteTarget);
        message.Headers.Add(SipHeaderNames.Via, NewVia(dialog.Peer));
        message.Headers.Add(SipHeaderNames.MaxForwards, "70");
        message.Headers.Add(SipHeaderNames.From, dialog.LocalParty);
        message.Headers.Add(SipHeaderNames.To, dialog.RemoteParty);
        message.Headers.Add(SipHeaderNames.CallId, dialog.CallId);
        message.Headers.Add(SipHeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{dialog.CSeqBase + dialog.NextCSeq()} {method}"));
        message.Headers.Add(SipHeaderNames.Contact, OurContact);
        message.Headers.Add(SipHeaderNames.ContentLength, "0");
        return message;
    }

    /// <summary>A Via for a new request to <paramref name="peer"/>, with a new branch and rport (RFC 3581).</summary>
    private string NewVia(SipPeer peer) =>
        $"SIP/2.0/{(peer.Connection is null ? "UDP" : "TCP")} {Host(_settings.SipAddress)}:{EndPoint!.Port};branch={SipVia.MagicCookie}{SipMessage.NewTag()}{SipMessage.NewTag()};rport";

    /// <summary>The Contact CallFlow puts in its requests and responses.</summary>
    private string OurContact => $"<sip:callflow@{Host(_settings.SipAddress)}:{EndPoint!.Port}>";

    /// <summary>A request in a call's dialog, sent to the caller; given up when the caller hangs up if <paramref name="untilHangUp"/>.</summary>
    private Task<SipMessage?> SendRequestAsync(SipDialog dialog, SipMessage request, TimeSpan timeout, CancellationToken cancellationToken, bool untilHangUp = true) =>
        SendRequestAsync(dialog.Peer, request, timeout, untilHangUp ? () => dialog.Channel.IsHungUp : null, cancellationToken);

    /// <summary>
    /// A non-INVITE client transaction, simply: retransmitted over UDP (T1 doubling) until a final response, the timeout,
    /// or <paramref name="giveUp"/> says the request no longer matters. Null when nothing final came back.
    /// </summary>
    internal async Task<SipMessage?> SendRequestAsync(SipPeer peer, SipMessage request, TimeSpan timeout, Func<bool>? giveUp, CancellationToken cancellationToken)
    {
        var transaction = await _transactions!.SendAsync(request, peer, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await WaitFinalAsync(transaction, timeout, giveUp, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The final response of <paramref name="transaction"/>, or null when <paramref name="limit"/> ran out (a ring
    /// time, a request's patience) or <paramref name="abandon"/> said so first; looked at four times a second.</summary>
    private static async Task<SipMessage?> WaitFinalAsync(ClientTransaction transaction, TimeSpan limit, Func<bool>? abandon, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || abandon?.Invoke() == true || cancellationToken.IsCancellationRequested)
                return transaction.Final.IsCompleted ? await transaction.Final.ConfigureAwait(false) : null;
            try
            {
                return await transaction.Final.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private ValueTask OnResponseAsync(SipIncoming incoming)
    {
        // A 2xx to one of our INVITEs retransmitted after its transaction ended: ACK it again if the dialog is known.
        var response = incoming.Message;
        if (response.StatusCode is >= 200 and < 300 && response.CSeq?.Method == SipMethods.Invite
            && _dialogs.TryGetValue(SipDialog.Key(response.CallId, response.From?.Tag), out var dialog) && dialog.Ack is { } ack)
            return _transport!.SendAsync(ack, dialog.Peer);
        return ValueTask.CompletedTask;
    }
}
