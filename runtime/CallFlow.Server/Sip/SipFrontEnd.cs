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

/// <summary>
/// The SIP side of the server, as a user agent server (RFC 3261 §8.2, §12, §13.3, §15): INVITE answered with SDP
/// (RFC 3264) and a media session, the call's flow run from the ACK, BYE in both directions, CANCEL before the
/// answer (487), re-INVITE (hold), OPTIONS. Everything is sent to where requests came from.
/// </summary>
public sealed class SipFrontEnd : IAsyncDisposable
{
    private const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY";
    private static readonly SdpCodec[] Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent];

    // 500 ms of packets: a burst after a thread-pool stall on a busy box is kept for the recording rather than dropped
    // (docs/media.md); playout still starts after the default prefill, so latency does not grow.
    private const int JitterCapacity = 25;

    private readonly ServerHost _host;
    private readonly ServerSettings _settings;
    private readonly CallFlowConfiguration _configuration;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, SipDialog> _dialogs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SipMessage>> _pending = new(StringComparer.Ordinal);
    private readonly SdpAnswerer _answerer = new((ulong)Environment.TickCount64);
    private readonly MediaClock _clock = new();
    private readonly RtpPortAllocator _ports;
    private readonly PromptAudio _prompts;
    private SipTransport? _transport;
    private SipTransactionLayer? _transactions;

    /// <summary>A front end for <paramref name="host"/>.</summary>
    public SipFrontEnd(ServerHost host, CallFlowConfiguration configuration)
    {
        _host = host;
        _configuration = configuration;
        _settings = configuration.Server;
        _log = host.Logging.CreateLogger("CallFlow.Sip");
        _ports = new RtpPortAllocator(_settings.RtpPortMin, _settings.RtpPortMax);
        _prompts = new PromptAudio(host.Prompts, missing => _log.LogWarning("{Missing}", missing));
    }

    /// <summary>Where SIP listens (after <see cref="Start"/>).</summary>
    public IPEndPoint? EndPoint => _transport?.UdpEndPoint ?? _transport?.TcpEndPoint;

    /// <summary>Calls with a dialog now.</summary>
    public int Dialogs => _dialogs.Count;

    /// <summary>The media clock's own figures (send jitter).</summary>
    public MediaClockStats MediaStats => _clock.GetStats();

    /// <summary>Binds SIP and starts the media clock.</summary>
    public void Start()
    {
        _clock.Start();
        _transport = new SipTransport
        {
            Received = incoming => _transactions!.HandleAsync(incoming),
            Log = message => _log.LogInformation("{Sip}", message),
        };
        _transactions = new SipTransactionLayer(_transport)
        {
            RequestReceived = OnRequestAsync,
            AckReceived = OnAckAsync,
            Cancelled = OnCancelAsync,
            TwoHundredNotAcknowledged = response => _ = EndDialogAsync(SipDialog.Key(response.CallId, response.To?.Tag), sendBye: true, "no ACK for the 200 OK"),
            ResponseReceived = OnResponseAsync,
        };
        var address = IPAddress.Parse(_settings.SipAddress);
        _transport.Start(new IPEndPoint(address, _settings.SipPort), _settings.Transports.Contains("udp"), _settings.Transports.Contains("tcp"));
        _log.LogInformation("SIP listening on {EndPoint} ({Transports})", EndPoint, string.Join(", ", _settings.Transports));
    }

    private async ValueTask OnRequestAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        switch (request.Method)
        {
            case SipMethods.Options:
                var ok = request.CreateResponse(200);
                ok.Headers.Add(SipHeaderNames.Allow, Allow);
                ok.Headers.Add("Accept", "application/sdp");
                await transaction.RespondAsync(ok).ConfigureAwait(false);
                return;
            case SipMethods.Invite when request.To?.Tag is null:
                // Off the transport's receive loop: answering takes a media port, the live program and maybe a ring
                // delay, and the loop must go on receiving (a CANCEL for this very INVITE, other calls) meanwhile.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await NewCallAsync(transaction).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        _log.LogError(e, "answering INVITE {CallId} failed", request.CallId);
                        await transaction.RespondAsync(request.CreateResponse(500)).ConfigureAwait(false);
                    }
                });
                return;
            case SipMethods.Invite:
                await ReInviteAsync(transaction).ConfigureAwait(false);
                return;
            case SipMethods.Notify:
                // The progress of a transfer (RFC 3515 sipfrag): acknowledged; the REFER's answer already decided.
                await transaction.RespondAsync(request.CreateResponse(_dialogs.ContainsKey(SipDialog.Key(request.CallId, request.To?.Tag)) ? 200 : 481)).ConfigureAwait(false);
                return;
            case SipMethods.Bye:
                if (_dialogs.TryGetValue(SipDialog.Key(request.CallId, request.To?.Tag), out var dialog))
                {
                    await transaction.RespondAsync(request.CreateResponse(200)).ConfigureAwait(false);
                    await EndDialogAsync(SipDialog.Key(request.CallId, request.To?.Tag), sendBye: false, "caller hung up").ConfigureAwait(false);
                }
                else
                    await transaction.RespondAsync(request.CreateResponse(481)).ConfigureAwait(false);
                return;
            default:
                var refused = request.CreateResponse(request.Method is SipMethods.Register or SipMethods.Subscribe or SipMethods.Notify or SipMethods.Refer
                    or SipMethods.Message or SipMethods.Info or SipMethods.Update or SipMethods.Prack or SipMethods.Publish ? 405 : 501);
                refused.Headers.Add(SipHeaderNames.Allow, Allow);
                await transaction.RespondAsync(refused).ConfigureAwait(false);
                return;
        }
    }

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
        var answer = _answerer.Answer(offer, _settings.MediaAddress, media.LocalEndPoint.Port, Codecs);
        if (!answer.IsAccepted)
        {
            await media.DisposeAsync().ConfigureAwait(false);
            await transaction.RespondAsync(invite.CreateResponse(488)).ConfigureAwait(false);
            return;
        }
        // RTP goes to the caller's SIP address (never another host an SDP body names); symmetric RTP then follows
        // the packets that really arrive.
        media = await Reconfigure(media, answer).ConfigureAwait(false);
        media.SetRemote(new IPEndPoint(transaction.Peer.EndPoint.Address, answer.RemotePort));

        var caller = invite.From!.Uri.User ?? "";
        var (mailbox, type, startPoint) = CallAddress.Resolve(invite, MailboxOf, caller);
        SipDialog? created = null;
        var channel = new SipCallChannel(media, _prompts, TimeProvider.System, _log)
        {
            Network = (request, token) => created is null ? ValueTask.FromResult<Outcome>(new ResultOutcome("Next")) : NetworkAsync(created, request, token),
        };
        var zone = _configuration.System.FindTimeZone();
        var variables = new CallVariables(_host.UserVariables, zone, DateTimeOffset.UtcNow);
        variables.SetSystem("$CLI", caller);
        if (mailbox is not null)
        {
            variables.SetSystem("$CALLED", mailbox);
            variables.SetSystem("$CALLED_NAME", _configuration.FindUser(mailbox)?.FullName ?? mailbox);
        }
        var state = new CallState(variables, _configuration.System.Language);
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
        var dialog = new SipDialog(callId, localTag, remoteTag, invite, transaction.Peer, media, channel) { PendingInvite = transaction };
        created = dialog;
        _dialogs[SipDialog.Key(callId, localTag)] = dialog;
        dialog.Session = started.Session;
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

    private async ValueTask<RtpSession> Reconfigure(RtpSession media, SdpAnswer answer)
    {
        // The law and payload types are fixed when a session opens; open the session again if the answer differs.
        var law = answer.Codec == SdpCodec.Pcma ? G711Law.ALaw : G711Law.MuLaw;
        var eventType = (byte)(answer.TelephoneEventPayloadType ?? 101);
        if (law == media.Law && eventType == 101)
            return media;
        var port = media.LocalEndPoint.Port;
        await media.DisposeAsync().ConfigureAwait(false);
        return RtpSession.Open(_clock, new RtpSessionOptions
        {
            LocalAddress = IPAddress.Parse(_settings.MediaAddress), Ports = new RtpPortAllocator(port, port), Law = law, TelephoneEventPayloadType = eventType,
            JitterCapacity = JitterCapacity,
        });
    }

    private async ValueTask OnAckAsync(SipIncoming incoming)
    {
        if (!_dialogs.TryGetValue(SipDialog.Key(incoming.Message.CallId, incoming.Message.To?.Tag), out var dialog) || dialog.Confirmed)
            return;
        dialog.Confirmed = true;
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
        var answer = _answerer.Answer(offer, _settings.MediaAddress, dialog.Media.LocalEndPoint.Port, Codecs);
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

    private async Task EndDialogAsync(string key, bool sendBye, string why)
    {
        if (!_dialogs.TryRemove(key, out var dialog) || dialog.Ended)
            return;
        dialog.Ended = true;
        dialog.Channel.HangUp();
        if (sendBye)
            await SendByeAsync(dialog).ConfigureAwait(false);
        await dialog.Media.DisposeAsync().ConfigureAwait(false);
        _log.LogInformation("call {CallId} ended: {Why}", dialog.CallId, why);
    }

    /// <summary>BYE to the caller, to the address the INVITE came from; retransmitted over UDP (T1 doubling) a few times.</summary>
    private async Task SendByeAsync(SipDialog dialog) =>
        await SendRequestAsync(dialog, InDialogRequest(dialog, SipMethods.Bye), TimeSpan.FromSeconds(8), CancellationToken.None, untilHangUp: false).ConfigureAwait(false);

    /// <summary>
    /// The telephony actions the network performs. Transfer is a blind transfer by REFER (RFC 3515) to the destination
    /// at the caller's own server: 2xx and the call has left voicemail (CallFlow then ends its leg with BYE); anything
    /// else, or no answer in 8 s, and the caller is told and the call ends. Other telephony actions are not yet done
    /// over SIP and take their first result, which the log says.
    /// </summary>
    private async ValueTask<Outcome> NetworkAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        if (request.Action != "transfer")
        {
            _log.LogWarning("call {CallId}: {Action} is not performed over SIP yet; it takes {Result}", dialog.CallId, request.Action,
                request.Results.IsEmpty ? "Next" : request.Results[0]);
            return new ResultOutcome(request.Results.IsEmpty ? "Next" : request.Results[0]);
        }
        var destination = request.Settings.TryGetValue("destination", out var d) ? d : "";
        var refer = InDialogRequest(dialog, SipMethods.Refer);
        refer.Headers.Add(SipHeaderNames.ReferTo, $"<sip:{Uri.EscapeDataString(destination)}@{Host(dialog.Peer.EndPoint.Address.ToString())}>");
        refer.Headers.Add("Referred-By", $"<sip:callflow@{Host(_settings.SipAddress)}:{EndPoint!.Port}>");
        var response = await SendRequestAsync(dialog, refer, TimeSpan.FromSeconds(8), cancellationToken).ConfigureAwait(false);
        if (response is { StatusCode: >= 200 and < 300 })
        {
            _log.LogInformation("call {CallId} transferred to {Destination} ({Status})", dialog.CallId, destination, response.StatusCode);
            return new ResultOutcome(request.Results.IsEmpty ? "Next" : request.Results[0]);
        }
        _log.LogWarning("call {CallId}: transfer to {Destination} refused ({Status})", dialog.CallId, destination, response?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "no answer");
        return new ResultOutcome(request.Results.IsEmpty ? "Next" : request.Results[0]);
    }

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

    /// <summary>A non-INVITE client transaction, simply: retransmitted over UDP (T1 doubling) until a final response or the timeout.</summary>
    private async Task<SipMessage?> SendRequestAsync(SipDialog dialog, SipMessage request, TimeSpan timeout, CancellationToken cancellationToken, bool untilHangUp = true)
    {
        var branch = request.TopVia!.Branch!;
        var answer = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[branch] = answer;
        try
        {
            var bytes = request.ToBytes();
            var interval = TimeSpan.FromMilliseconds(500);
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (DateTimeOffset.UtcNow < deadline && !(untilHangUp && dialog.Channel.IsHungUp))
            {
                await _transport!.SendAsync(bytes, dialog.Peer, cancellationToken).ConfigureAwait(false);
                var wait = dialog.Peer.Connection is null ? interval : deadline - DateTimeOffset.UtcNow;
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

    // A mailbox by name, user extension or group number: the same lookup the mailbox actions use.
    private string? MailboxOf(string nameOrNumber) => _host.Policy.Find(nameOrNumber)?.Name;

    private static readonly Step Ended = new(ExecutionState.Completed, null, EndReason.Disconnected, null);

    private static string Host(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var key in _dialogs.Keys)
            await EndDialogAsync(key, sendBye: true, "server stopping").ConfigureAwait(false);
        if (_transactions is not null)
            await _transactions.DisposeAsync().ConfigureAwait(false);
        if (_transport is not null)
            await _transport.DisposeAsync().ConfigureAwait(false);
        _clock.Dispose();
    }
}
