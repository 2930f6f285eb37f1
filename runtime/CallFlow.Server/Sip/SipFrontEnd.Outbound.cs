using System.Globalization;
using System.Net;
using CallFlow.Media;
using CallFlow.Sip;
using CallFlow.Sip.Auth;
using CallFlow.Sip.Sdp;
using CallFlow.Sip.Transactions;
using CallFlow.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>Calls CallFlow places itself (RFC 3261 §13.2 as the UAC): pages, assisted-transfer and whisper targets.</summary>
public sealed partial class SipFrontEnd
{
    /// <summary>
    /// Calls <paramref name="number"/> through <paramref name="peer"/> (the PBX: the caller's own server, or
    /// <c>server.pbx_address</c>): an INVITE with CallFlow's SDP offer, a CANCEL when nobody answers within
    /// <paramref name="ringTimeout"/> or <paramref name="abandon"/> says so, and on a 2xx the ACK, the media session
    /// set to the answer, and a dialog that hears BYE like any other. The caller of this method owns the answered
    /// dialog and must end it.
    /// </summary>
    internal async Task<OutboundCall> PlaceCallAsync(string number, SipPeer peer, string displayName, TimeSpan ringTimeout, Func<bool>? abandon,
        CancellationToken cancellationToken)
    {
        RtpSession media;
        try
        {
            media = RtpSession.Open(_clock, new RtpSessionOptions { LocalAddress = IPAddress.Parse(_settings.MediaAddress), Ports = _ports, JitterCapacity = JitterCapacity });
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException)
        {
            _log.LogWarning("call to {Number} not placed: no RTP port ({Error})", number, e.Message);
            return new OutboundCall(OutboundStatus.Failed, 503, null);
        }

        var callId = $"{SipMessage.NewTag()}{SipMessage.NewTag()}@callflow";
        var localTag = SipMessage.NewTag();
        var target = SipUri.Create(number, Host(peer.EndPoint.Address.ToString()), peer.EndPoint.Port);
        var sessionId = NewSdpSessionId();
        var offer = SdpOffer.Create(sessionId, _settings.MediaAddress, media.LocalEndPoint.Port).ToBytes();
        SipMessage Invite(uint cseq, (string Name, string Value)? authorization)
        {
            var invite = SipMessage.NewRequest(SipMethods.Invite, target);
            invite.Headers.Add(SipHeaderNames.Via, NewVia(peer));
            invite.Headers.Add(SipHeaderNames.MaxForwards, "70");
            invite.Headers.Add(SipHeaderNames.From, $"\"{displayName.Replace("\"", "", StringComparison.Ordinal)}\" {OurContact};tag={localTag}");
            invite.Headers.Add(SipHeaderNames.To, $"<{target}>");
            invite.Headers.Add(SipHeaderNames.CallId, callId);
            invite.Headers.Add(SipHeaderNames.CSeq, $"{cseq.ToString(CultureInfo.InvariantCulture)} INVITE");
            invite.Headers.Add(SipHeaderNames.Contact, OurContact);
            invite.Headers.Add(SipHeaderNames.Allow, Allow);
            if (authorization is var (name, value))
                invite.Headers.Add(name, value);
            invite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
            invite.Body = offer;
            return invite;
        }

        ClientTransaction transaction;
        SipMessage? final;
        (string Name, string Value)? authorization = null;
        for (uint cseq = 1; ; cseq++)
        {
            try
            {
                transaction = await _transactions!.SendAsync(Invite(cseq, authorization), peer, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
            {
                await media.DisposeAsync().ConfigureAwait(false);
                _log.LogWarning("call to {Number} not placed: {Error}", number, e.Message);
                return new OutboundCall(OutboundStatus.Failed, 503, null);
            }
            if (cseq == 1)
                _log.LogInformation("calling {Number} at {Peer} ({CallId})", number, peer, callId);
            final = await WaitFinalAsync(transaction, ringTimeout, abandon, cancellationToken).ConfigureAwait(false);
            // A PBX that wants CallFlow to authenticate (RFC 3261 §22.2): the same INVITE again, one CSeq up, with the
            // answer to its challenge; once, or twice when the PBX says the first answer's nonce was stale.
            if (final is not { StatusCode: 401 or 407 } || Authorize(final, number, target.ToString(), answered: (int)cseq - 1) is not { } answer)
                break;
            authorization = answer;
        }
        if (final is null)
        {
            // Nobody answered in time (or the caller went away): CANCEL, then take whatever ends the INVITE. A 2xx that
            // crossed the CANCEL is a call answered too late; it is ended below like any unwanted answer.
            await _transactions.CancelAsync(transaction).ConfigureAwait(false);
            final = await WaitFinalAsync(transaction, _transactions.Timers.Timeout, null, CancellationToken.None).ConfigureAwait(false);
            if (final is not { StatusCode: >= 200 and < 300 })
            {
                await media.DisposeAsync().ConfigureAwait(false);
                return new OutboundCall(OutboundStatus.NoAnswer, final?.StatusCode ?? 408, null);
            }
            var late = await ConfirmAsync(transaction, final, media, sessionId, callId, localTag, peer).ConfigureAwait(false);
            if (late is not null)
                await EndDialogAsync(SipDialog.Key(callId, localTag), sendBye: true, "answered after the ring timeout").ConfigureAwait(false);
            return new OutboundCall(OutboundStatus.NoAnswer, 487, null);
        }
        if (final.StatusCode >= 300)
        {
            await media.DisposeAsync().ConfigureAwait(false);
            var status = final.StatusCode switch
            {
                486 or 600 or 603 => OutboundStatus.Busy,
                408 or 480 or 487 => OutboundStatus.NoAnswer,
                _ => OutboundStatus.Failed,
            };
            _log.LogInformation("call to {Number}: {Status} {Reason}", number, final.StatusCode, final.ReasonPhrase);
            return new OutboundCall(status, final.StatusCode, null);
        }
        var dialog = await ConfirmAsync(transaction, final, media, sessionId, callId, localTag, peer).ConfigureAwait(false);
        return dialog is null ? new OutboundCall(OutboundStatus.Failed, 488, null) : new OutboundCall(OutboundStatus.Answered, final.StatusCode, dialog);
    }

    /// <summary>
    /// The Authorization (401) or Proxy-Authorization (407) answering a challenge to our INVITE with server.pbx_auth;
    /// null when there is no account, no Digest challenge CallFlow can answer, or it was answered already (a second
    /// challenge means the account was refused, unless the PBX says the nonce was stale, which is answered once more).
    /// </summary>
    private (string Name, string Value)? Authorize(SipMessage challengeResponse, string number, string uri, int answered)
    {
        if (_settings.PbxAuth is not { } account)
        {
            _log.LogWarning("call to {Number}: the PBX asks CallFlow to authenticate ({Status}); set server.pbx_auth", number, challengeResponse.StatusCode);
            return null;
        }
        var proxy = challengeResponse.StatusCode == 407;
        var header = challengeResponse.Headers.GetAll(proxy ? "Proxy-Authenticate" : SipHeaderNames.WwwAuthenticate)
            .Select(value => DigestChallenge.TryParse(value, out var c) && DigestAuthorization.Supports(c) ? c : null)
            .FirstOrDefault(c => c is not null);
        if (header is not { } challenge)
        {
            _log.LogWarning("call to {Number}: {Status} without a Digest challenge CallFlow can answer (MD5, SHA-256)", number, challengeResponse.StatusCode);
            return null;
        }
        if (answered >= 2 || answered == 1 && !challenge.Stale)
        {
            _log.LogWarning("call to {Number}: the PBX refused server.pbx_auth's account '{User}' ({Status})", number, account.User, challengeResponse.StatusCode);
            return null;
        }
        string password;
        try
        {
            password = account.PasswordFile is { } file
                ? File.ReadAllText(_configuration.ResolvePath(file, Environment.CurrentDirectory)).TrimEnd('\r', '\n')
                : account.Password ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogError("call to {Number}: cannot read server.pbx_auth's password_file: {Error}", number, e.Message);
            return null;
        }
        var cnonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        return (proxy ? "Proxy-Authorization" : SipHeaderNames.Authorization,
            DigestAuthorization.Create(challenge, SipMethods.Invite, uri, account.User, password, cnonce, 1));
    }

    /// <summary>
    /// A 2xx to our INVITE: ACK it (a new transaction-less request to the Contact, RFC 3261 §13.2.2.4), read the SDP
    /// answer, point the media at the answerer, and register the dialog. An answer without usable audio is
    /// acknowledged and ended with BYE; null then.
    /// </summary>
    private async Task<SipDialog?> ConfirmAsync(ClientTransaction transaction, SipMessage ok, RtpSession media, ulong sessionId, string callId, string localTag, SipPeer peer)
    {
        var invite = transaction.Request;
        var remoteTarget = ok.Contacts is { Count: > 0 } contacts ? contacts[0].Uri : invite.RequestUri!;
        var ack = SipMessage.NewRequest(SipMethods.Ack, remoteTarget);
        ack.Headers.Add(SipHeaderNames.Via, NewVia(peer));
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        ack.Headers.Add(SipHeaderNames.From, invite.Headers.GetFirst(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, ok.Headers.GetFirst(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, callId);
        // The ACK of a 2xx carries the INVITE's CSeq number (RFC 3261 §13.2.2.4): 2 after an authenticated retry.
        var inviteCSeq = invite.CSeq?.Number ?? 1;
        ack.Headers.Add(SipHeaderNames.CSeq, $"{inviteCSeq.ToString(CultureInfo.InvariantCulture)} ACK");
        ack.Headers.Add(SipHeaderNames.ContentLength, "0");
        transaction.Accepted(ack);
        await _transport!.SendAsync(ack, peer).ConfigureAwait(false);

        // The law and telephone-event type the answer chose go to the media session (on the port the offer named)
        // before the channel reads its law. An answer without usable audio still gets a dialog, to end it.
        var answer = SdpSessionDescription.TryParse(ok.Body.Span, out var description, out _) ? SdpOffer.Accept(description) : null;
        if (answer is { IsAccepted: true })
            UseAgreedFormat(media, answer);
        var dialog = new SipDialog(callId, localTag, ok.To?.Tag ?? "", invite, peer, media, new SipCallChannel(media, _prompts, TimeProvider.System, _log))
        {
            // A re-INVITE from the peer is answered with our offer's o= line, its version one up (RFC 3264 §8).
            Answerer = new SdpAnswerer(sessionId, initialVersion: sessionId + 1),
            Outbound = true,
            LocalParty = invite.Headers.GetFirst(SipHeaderNames.From)!,
            RemoteParty = ok.Headers.GetFirst(SipHeaderNames.To)!,
            RemoteTarget = remoteTarget,
            Confirmed = true,
            Ack = ack,
        };
        _dialogs[SipDialog.Key(callId, localTag)] = dialog;
        if (answer is not { IsAccepted: true })
        {
            await EndDialogAsync(SipDialog.Key(callId, localTag), sendBye: true, "the answer had no audio CallFlow can use").ConfigureAwait(false);
            return null;
        }
        // Media goes to the answerer's SIP address (never a host the SDP names); symmetric RTP follows what really arrives.
        media.SetRemote(new IPEndPoint(peer.EndPoint.Address, answer.RemotePort));
        _log.LogInformation("call {CallId} to {Target} answered (codec {Codec}, RTP {Port})", callId, invite.RequestUri, answer.Codec?.EncodingName,
            media.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture));
        return dialog;
    }
}

/// <summary>How a call CallFlow placed went.</summary>
internal enum OutboundStatus
{
    /// <summary>Answered (2xx); the dialog is up.</summary>
    Answered,

    /// <summary>486 Busy Here, 600 Busy Everywhere, 603 Decline.</summary>
    Busy,

    /// <summary>Rang out (CallFlow cancelled), 408, 480 or 487, or no response at all.</summary>
    NoAnswer,

    /// <summary>Any other failure (404, 5xx, no media port).</summary>
    Failed,
}

/// <summary>The outcome of <see cref="SipFrontEnd.PlaceCallAsync"/>: the status, the SIP code, and the dialog when answered.</summary>
internal sealed record OutboundCall(OutboundStatus Status, int StatusCode, SipDialog? Dialog);
