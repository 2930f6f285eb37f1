using System.Net;
using CallFlow.Audio;
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

/// <summary>Incoming calls: the INVITE answered, the ACK that starts the flow, CANCEL before the answer, re-INVITE.</summary>
public sealed partial class SipFrontEnd
{
    private async ValueTask NewCallAsync(ServerTransaction transaction)
    {
        var invite = transaction.Request;
        if (invite.CallId is not { } callId || invite.From?.Tag is not { } remoteTag)
        {
            await transaction.RespondAsync(invite.CreateResponse(400, "Missing Call-ID or From tag")).ConfigureAwait(false);
            return;
        }
        if (!SdpSessionDescription.TryParse(invite.Body.Span, out var offer, out var problem))
        {
            // No offer in the INVITE (offer in the ACK) is legal but rare for a voicemail server's callers; refuse clearly.
            await transaction.RespondAsync(invite.CreateResponse(488, invite.Body.IsEmpty ? "SDP offer required" : "Bad SDP")).ConfigureAwait(false);
            _log.LogInformation("INVITE {CallId} refused: {Problem}", callId, invite.Body.IsEmpty ? "no SDP offer" : problem);
            return;
        }

        RtpSession media;
        try
        {
            media = RtpSession.Open(_clock, new RtpSessionOptions { LocalAddress = IPAddress.Parse(_settings.MediaAddress), Ports = _ports, JitterCapacity = JitterCapacity });
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException)
        {
            await transaction.RespondAsync(invite.CreateResponse(503, "No media port free")).ConfigureAwait(false);
            _log.LogWarning("INVITE {CallId} refused: no RTP port ({Error})", callId, e.Message);
            return;
        }
        // One answerer per dialog: its o= version moves only when this dialog's own answer changes (RFC 3264 §8).
        var answerer = new SdpAnswerer(NewSdpSessionId());
        var answer = answerer.Answer(offer, _settings.MediaAddress, media.LocalEndPoint.Port, Codecs);
        if (!answer.IsAccepted)
        {
            await media.DisposeAsync().ConfigureAwait(false);
            await transaction.RespondAsync(invite.CreateResponse(488)).ConfigureAwait(false);
            return;
        }
        // RTP goes to the caller's SIP address (never another host an SDP body names); symmetric RTP then follows
        // the packets that really arrive.
        UseAgreedFormat(media, answer);
        media.SetRemote(new IPEndPoint(transaction.Peer.EndPoint.Address, answer.RemotePort));

        var caller = invite.From!.Uri.User ?? "";
        if (_parking.Claim(invite.RequestUri?.User) is { } parked)
        {
            await AnswerPickUpAsync(transaction, media, answerer, answer, parked).ConfigureAwait(false);
            return;
        }
        var (mailbox, type, startPoint) = CallAddress.Resolve(invite, MailboxOf, caller);
        SipDialog? created = null;
        var channel = new SipCallChannel(media, _prompts, TimeProvider.System, _log)
        {
            Network = (request, token) => created is null ? ValueTask.FromResult<Outcome>(new ResultOutcome("Next")) : NetworkAsync(created, request, token),
            // A flow's "$" prompt: the call's last recording (Voice Question, Listen, Leave Mail), held while it loads.
            OpenLastRecording = token => created?.Context?.LastRecording is { } id ? _host.Store.OpenPlaybackAsync(id, token) : Task.FromResult<CallFlow.Mailbox.IMessagePlayback?>(null),
        };
        media.DigitReceived += _ => _host.Metrics.DigitDetected(); // callflow_dtmf_digits_total
        var state = new CallState(NewCallVariables(caller, mailbox), CallLanguage.Choose(invite, caller, mailbox, _configuration));
        if (_host.TryStartCall(channel, new CallInfo(caller, mailbox, type), state) is not { } started)
        {
            await media.DisposeAsync().ConfigureAwait(false);
            var busy = invite.CreateResponse(503, _host.Admission.Closed ? "Shutting down" : "Busy");
            busy.Headers.Add("Retry-After", "30");
            await transaction.RespondAsync(busy).ConfigureAwait(false);
            return;
        }
        var address = mailbox is not null ? StartPointSelector.Select(started.Program, mailbox, type) : StartPointSelector.Resolve(started.Program, startPoint ?? "");
        if (address is null)
        {
            _host.EndCall(Ended);
            await media.DisposeAsync().ConfigureAwait(false);
            await transaction.RespondAsync(invite.CreateResponse(404, "No such start point")).ConfigureAwait(false);
            _log.LogInformation("INVITE {CallId} for '{User}': no start point or mailbox of that name", callId, invite.RequestUri?.User);
            return;
        }

        var localTag = SipMessage.NewTag();
        var dialog = new SipDialog(callId, localTag, remoteTag, invite, transaction.Peer, media, channel) { PendingInvite = transaction, Answerer = answerer };
        created = dialog;
        _dialogs[SipDialog.Key(callId, localTag)] = dialog;
        dialog.Session = started.Session;
        dialog.Context = started.Context;
        dialog.Address = address;

        if (_settings.AnswerDelayMilliseconds > 0)
        {
            // Ring first (answer_delay_ms); a CANCEL meanwhile has answered the INVITE 487 and the call never starts.
            await transaction.RespondAsync(invite.CreateResponse(180, toTag: localTag)).ConfigureAwait(false);
            await Task.Delay(_settings.AnswerDelayMilliseconds).ConfigureAwait(false);
            if (transaction.State != ServerTransactionState.Proceeding)
            {
                _dialogs.TryRemove(SipDialog.Key(callId, localTag), out _);
                _host.EndCall(Ended);
                await media.DisposeAsync().ConfigureAwait(false);
                _log.LogInformation("call {CallId} from {Caller} was cancelled before it was answered", callId, caller);
                return;
            }
        }
        var ok = invite.CreateResponse(200, toTag: localTag);
        ok.Headers.Add(SipHeaderNames.Contact, $"<sip:callflow@{Host(_settings.SipAddress)}:{EndPoint!.Port}>");
        ok.Headers.Add(SipHeaderNames.Allow, Allow);
        ok.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ok.Body = answer.Description.ToBytes();
        dialog.PendingInvite = null;
        await _transactions!.SendInviteSuccessAsync(transaction, ok).ConfigureAwait(false);
        _log.LogInformation("call {CallId} from {Caller} answered: {Address} (codec {Codec}, RTP {Port})", callId, caller, address, answer.Codec?.EncodingName, media.LocalEndPoint.Port);
    }

    /// <summary>A call's variables at its start: $CLI, and $CALLED / $CALLED_NAME when a mailbox is called.</summary>
    private CallVariables NewCallVariables(string caller, string? mailbox)
    {
        var variables = new CallVariables(_host.UserVariables, _configuration.System.FindTimeZone(), DateTimeOffset.UtcNow);
        variables.SetSystem("$CLI", caller);
        if (mailbox is not null)
        {
            variables.SetSystem("$CALLED", mailbox);
            variables.SetSystem("$CALLED_NAME", _configuration.FindUser(mailbox)?.FullName ?? mailbox);
        }
        return variables;
    }

    /// <summary>A call to a park slot's number that holds a parked call: answered at once; its ACK connects it.</summary>
    private async ValueTask AnswerPickUpAsync(ServerTransaction transaction, RtpSession media, SdpAnswerer answerer, SdpAnswer answer, ParkedCall parked)
    {
        var invite = transaction.Request;
        var localTag = SipMessage.NewTag();
        var channel = new SipCallChannel(media, _prompts, TimeProvider.System, _log);
        var dialog = new SipDialog(invite.CallId!, localTag, invite.From!.Tag!, invite, transaction.Peer, media, channel) { PickingUp = parked, Answerer = answerer };
        _dialogs[SipDialog.Key(invite.CallId, localTag)] = dialog;
        var ok = invite.CreateResponse(200, toTag: localTag);
        ok.Headers.Add(SipHeaderNames.Contact, OurContact);
        ok.Headers.Add(SipHeaderNames.Allow, Allow);
        ok.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ok.Body = answer.Description.ToBytes();
        await _transactions!.SendInviteSuccessAsync(transaction, ok).ConfigureAwait(false);
        _log.LogInformation("call {CallId} from {Caller} picks up park slot {Slot}", invite.CallId, invite.From.Uri.User, parked.Slot);
    }

    /// <summary>
    /// The law and payload types an offer/answer settled on, given to the session opened before they were known (its
    /// port is in the SDP). Without telephone-event in the agreement, 101 stays: nothing the peer sends uses it.
    /// </summary>
    private static void UseAgreedFormat(RtpSession media, SdpAnswer answer) =>
        media.UseFormat(answer.Codec == SdpCodec.Pcma ? G711Law.ALaw : G711Law.MuLaw, (byte)(answer.TelephoneEventPayloadType ?? SdpOffer.TelephoneEventPayloadType),
            answer.PayloadType is { } audio ? (byte)audio : null);

    private async ValueTask OnAckAsync(SipIncoming incoming)
    {
        if (!_dialogs.TryGetValue(SipDialog.Key(incoming.Message.CallId, incoming.Message.To?.Tag), out var dialog) || dialog.Confirmed)
            return;
        dialog.Confirmed = true;
        if (dialog.PickingUp is { } parked)
        {
            // A pick-up runs no flow: the parked caller's Park and Page connects the two, or, if the parked call went
            // away meanwhile, the pick-up is ended.
            if (!parked.Complete(dialog))
                await EndDialogAsync(SipDialog.Key(dialog.CallId, dialog.LocalTag), sendBye: true, $"park slot {parked.Slot} no longer holds a call").ConfigureAwait(false);
            return;
        }
        _ = Task.Run(() => RunCallAsync(dialog));
        await ValueTask.CompletedTask.ConfigureAwait(false);
    }

    private async Task RunCallAsync(SipDialog dialog)
    {
        var final = Ended;
        try
        {
            final = await dialog.Session!.RunAsync(dialog.Address!).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.LogError(e, "call {CallId} failed", dialog.CallId);
        }
        finally
        {
            _host.EndCall(final);
            // A call the flow connected to someone (assisted transfer, whisper, park pick-up) has left the flow but not
            // ended: its dialog lives until either side hangs up.
            if (dialog.Bridge is null)
                await EndDialogAsync(SipDialog.Key(dialog.CallId, dialog.LocalTag), sendBye: !dialog.Channel.IsHungUp, $"flow ended: {final.EndReason?.ToString() ?? final.Fault?.Code}")
                .ConfigureAwait(false);
        }
    }

    private async ValueTask OnCancelAsync(ServerTransaction invite)
    {
        // Cancelled before the 200 went out: 487 to the INVITE (RFC 3261 §9.2), with the To tag its 180 carried.
        var ringing = _dialogs.Values.FirstOrDefault(d => ReferenceEquals(d.PendingInvite, invite));
        await invite.RespondAsync(invite.Request.CreateResponse(487, toTag: ringing?.LocalTag)).ConfigureAwait(false);
    }

    private async ValueTask ReInviteAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (!_dialogs.TryGetValue(SipDialog.Key(request.CallId, request.To?.Tag), out var dialog))
        {
            await transaction.RespondAsync(request.CreateResponse(481)).ConfigureAwait(false);
            return;
        }
        if (!SdpSessionDescription.TryParse(request.Body.Span, out var offer, out _))
        {
            await transaction.RespondAsync(request.CreateResponse(488)).ConfigureAwait(false);
            return;
        }
        // Hold and resume: the answer mirrors the direction; the media session stays as it is.
        var answer = dialog.Answerer.Answer(offer, _settings.MediaAddress, dialog.Media.LocalEndPoint.Port, Codecs);
        var ok = request.CreateResponse(answer.IsAccepted ? 200 : 488);
        if (answer.IsAccepted)
        {
            ok.Headers.Add(SipHeaderNames.Contact, $"<sip:callflow@{Host(_settings.SipAddress)}:{EndPoint!.Port}>");
            ok.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
            ok.Body = answer.Description.ToBytes();
            await _transactions!.SendInviteSuccessAsync(transaction, ok).ConfigureAwait(false);
        }
        else
            await transaction.RespondAsync(ok).ConfigureAwait(false);
    }
}
