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
public sealed partial class SipFrontEnd : IAsyncDisposable
{
    private const string Allow = "INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY, SUBSCRIBE";
    private static readonly SdpCodec[] Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent];

    // A second of packets: a burst after a thread-pool stall on a busy box is kept for the recording rather than
    // dropped (CI under load lost 200 ms with 25 slots); playout still starts after the default prefill and catches up
    // after a burst, so latency does not grow (docs/media.md). 50 slots of 480 bytes: 24 KB per call.
    private const int JitterCapacity = 50;

    private readonly ServerHost _host;
    private readonly ServerSettings _settings;
    private readonly CallFlowConfiguration _configuration;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, SipDialog> _dialogs = new(StringComparer.Ordinal);
    // o= session ids (RFC 4566 §5.2 suggests an NTP timestamp): the start time in milliseconds, then one more per
    // session, so no two of this server's sessions share one, nor, in practice, those of a server started earlier.
    private long _sdpSessionIds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    // One lane per core: a tick's sends and reads for a thousand calls are split across the cores, so one busy or
    // preempted thread does not make every call's packet late (docs/media.md).
    private readonly MediaClock _clock = new(lanes: Math.Clamp(Environment.ProcessorCount, 1, 8));
    private readonly RtpPortAllocator _ports;
    private readonly PromptAudio _prompts;
    private readonly ParkSlots _parking;
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
        _parking = new ParkSlots(_settings.ParkSlotMin, _settings.ParkSlotMax);
    }

    /// <summary>A new o= session id, never one this server has used.</summary>
    private ulong NewSdpSessionId() => (ulong)Interlocked.Increment(ref _sdpSessionIds);

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
        _host.Metrics.MediaClock = _clock; // /metrics reports its send jitter
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
        StartSubscriptions();
        _host.Store.MessageWaitingChanged += OnMessageWaitingForCallback;
        StartAlarms();
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
                ok.Headers.Add(SipHeaderNames.AllowEvents, MessageSummary.EventPackage);
                await transaction.RespondAsync(ok).ConfigureAwait(false);
                return;
            case SipMethods.Subscribe:
                await SubscribeAsync(transaction).ConfigureAwait(false);
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
                var refused = request.CreateResponse(request.Method is SipMethods.Register or SipMethods.Notify or SipMethods.Refer
                    or SipMethods.Message or SipMethods.Info or SipMethods.Update or SipMethods.Prack or SipMethods.Publish ? 405 : 501);
                refused.Headers.Add(SipHeaderNames.Allow, Allow);
                await transaction.RespondAsync(refused).ConfigureAwait(false);
                return;
        }
    }

    // A mailbox by name, user extension or group number: the same lookup the mailbox actions use.
    private string? MailboxOf(string nameOrNumber) => _host.Policy.Find(nameOrNumber)?.Name;

    private static readonly Step Ended = new(ExecutionState.Completed, null, EndReason.Disconnected, null);

    private static string Host(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAlarmsAsync().ConfigureAwait(false);
        await StopSubscriptionsAsync().ConfigureAwait(false);
        if (_transport is not null)
            _host.Store.MessageWaitingChanged -= OnMessageWaitingForCallback;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var key in _dialogs.Keys)
            await EndDialogAsync(key, sendBye: true, "server stopping").ConfigureAwait(false);
        if (_transactions is not null)
            await _transactions.DisposeAsync().ConfigureAwait(false);
        if (_transport is not null)
            await _transport.DisposeAsync().ConfigureAwait(false);
        _clock.Dispose();
    }
}
