using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CallFlow.Audio;
using CallFlow.Configuration;
using CallFlow.Media;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using CallFlow.Sip;
using CallFlow.Sip.Sdp;
using CallFlow.Sip.Transactions;
using CallFlow.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>Requests CallFlow sends in a dialog, and the responses that answer them.</summary>
public sealed partial class SipFrontEnd
{
    private SipMessage InDialogRequest(SipDialog dialog, string method)
    {
        var invite = dialog.Invite;
        var target = invite.Contacts is { Count: > 0 } contacts ? contacts[0].Uri : invite.From!.Uri;
        var message = SipMessage.NewRequest(method, target);
        var transport = dialog.Peer.Connection is null ? "UDP" : "TCP";
        message.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/{transport} {Host(_settings.SipAddress)}:{EndPoint!.Port};branch={SipVia.MagicCookie}{SipMessage.NewTag()}{SipMessage.NewTag()};rport");
        message.Headers.Add(SipHeaderNames.MaxForwards, "70");
        message.Headers.Add(SipHeaderNames.From, $"{invite.Headers.GetFirst(SipHeaderNames.To)};tag={dialog.LocalTag}");
        message.Headers.Add(SipHeaderNames.To, invite.Headers.GetFirst(SipHeaderNames.From)!);
        message.Headers.Add(SipHeaderNames.CallId, dialog.CallId);
        message.Headers.Add(SipHeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{(invite.CSeq?.Number ?? 0) + dialog.NextCSeq()} {method}"));
        message.Headers.Add(SipHeaderNames.Contact, $"<sip:callflow@{Host(_settings.SipAddress)}:{EndPoint!.Port}>");
        message.Headers.Add(SipHeaderNames.ContentLength, "0");
        return message;
    }

    /// <summary>A request in a call's dialog, sent to the caller; given up when the caller hangs up if <paramref name="untilHangUp"/>.</summary>
    private Task<SipMessage?> SendRequestAsync(SipDialog dialog, SipMessage request, TimeSpan timeout, CancellationToken cancellationToken, bool untilHangUp = true) =>
        SendRequestAsync(dialog.Peer, request, timeout, untilHangUp ? () => dialog.Channel.IsHungUp : null, cancellationToken);

    /// <summary>
    /// A non-INVITE client transaction, simply: retransmitted over UDP (T1 doubling) until a final response, the timeout,
    /// or <paramref name="giveUp"/> says the request no longer matters. Null when nothing final came back.
    /// </summary>
    internal async Task<SipMessage?> SendRequestAsync(SipPeer peer, SipMessage request, TimeSpan timeout, Func<bool>? giveUp, CancellationToken cancellationToken)
    {
        var branch = request.TopVia!.Branch!;
        var answer = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[branch] = answer;
        try
        {
            var bytes = request.ToBytes();
            var interval = TimeSpan.FromMilliseconds(500);
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (DateTimeOffset.UtcNow < deadline && giveUp?.Invoke() != true)
            {
                await _transport!.SendAsync(bytes, peer, cancellationToken).ConfigureAwait(false);
                var wait = peer.Connection is null ? interval : deadline - DateTimeOffset.UtcNow;
                try
                {
                    return await answer.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    interval = interval * 2 > TimeSpan.FromSeconds(4) ? TimeSpan.FromSeconds(4) : interval * 2;
                }
            }
            return null;
        }
        finally
        {
            _pending.TryRemove(branch, out _);
        }
    }

    private ValueTask OnResponseAsync(SipIncoming incoming)
    {
        // Final responses complete the request waiting on that branch; provisional ones just stop nothing here.
        if (incoming.Message.StatusCode >= 200 && incoming.Message.TopVia?.Branch is { } branch && _pending.TryRemove(branch, out var waiting))
            waiting.TrySetResult(incoming.Message);
        return ValueTask.CompletedTask;
    }
}
