using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Runtime.Vm;
using CallFlow.Sip;
using CallFlow.Sip.Transport;
using CallFlow.Vmp;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>
/// The telephony actions a flow asks the network to perform (docs/sip.md, "Telephony actions"): Transfer by REFER;
/// Assisted Transfer and Whisper by a call CallFlow places to the target while the caller holds, connected on answer
/// (or acceptance) by relaying the media; Park and Page by parking the caller in a slot, paging the target with an
/// announcement that names the slot, and connecting whoever calls the slot number.
/// </summary>
public sealed partial class SipFrontEnd
{
    // Runtime defaults for settings a flow leaves out (docs/language.md lists them as "runtime").
    private static readonly TimeSpan DefaultNoAnswer = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DefaultPageInterval = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DefaultParkTimeout = TimeSpan.FromSeconds(60);
    private const int DefaultPageRetries = 1;
    private static readonly TimeSpan WhisperKeyWait = TimeSpan.FromSeconds(10);

    private async ValueTask<Outcome> NetworkAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        switch (request.Action)
        {
            case "transfer":
                return await TransferAsync(dialog, request, cancellationToken).ConfigureAwait(false);
            case "assisted_transfer":
                return await AssistedTransferAsync(dialog, request, cancellationToken).ConfigureAwait(false);
            case "whisper":
                return await WhisperAsync(dialog, request, cancellationToken).ConfigureAwait(false);
            case "park_and_page":
                return await ParkAndPageAsync(dialog, request, cancellationToken).ConfigureAwait(false);
            case "alarm_set":
                return await BookAlarmAsync(dialog, request, cancellationToken).ConfigureAwait(false);
            default:
                _log.LogWarning("call {CallId}: {Action} is not performed over SIP; it takes {Result}", dialog.CallId, request.Action, First(request));
                return new ResultOutcome(First(request));
        }
    }

    /// <summary>
    /// Blind transfer by REFER (RFC 3515) to the destination at the caller's own server: 2xx and the call has left
    /// voicemail (CallFlow then ends its leg with BYE); anything else, or no answer in 8 s, and the log says so.
    /// </summary>
    private async ValueTask<Outcome> TransferAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        var destination = Setting(request, "destination") ?? "";
        var refer = InDialogRequest(dialog, SipMethods.Refer);
        refer.Headers.Add(SipHeaderNames.ReferTo, $"<sip:{Uri.EscapeDataString(destination)}@{Host(dialog.Peer.EndPoint.Address.ToString())}>");
        refer.Headers.Add("Referred-By", OurContact);
        var response = await SendRequestAsync(dialog, refer, TimeSpan.FromSeconds(8), cancellationToken).ConfigureAwait(false);
        if (response is { StatusCode: >= 200 and < 300 })
            _log.LogInformation("call {CallId} transferred to {Destination} ({Status})", dialog.CallId, destination, response.StatusCode);
        else
            _log.LogWarning("call {CallId}: transfer to {Destination} refused ({Status})", dialog.CallId, destination,
                response?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "no answer");
        return new ResultOutcome(First(request));
    }

    /// <summary>
    /// Assisted (supervised) transfer: the caller hears "please hold" and hold music while CallFlow calls the target's
    /// extension; answered → the two are connected and the flow goes on with Next (the caller has left it: audio
    /// actions after it find the call gone); busy → Busy; no answer within <c>no_answer_timeout</c> or any failure →
    /// NoAnswer, and the call is back in the flow. <c>"?"</c> asks the caller for the extension first.
    /// </summary>
    private async ValueTask<Outcome> AssistedTransferAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        var mailbox = Setting(request, "mailbox") ?? "";
        if (mailbox is "?" or "")
        {
            var asked = await dialog.Channel.CollectAsync(new CollectDigitsEffect(15, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), request.TypedAhead, false)
            {
                Prompts = [new PlayPrompt(VmpPromptKind.System, "enter_extension")],
                Languages = Languages(dialog),
            }, cancellationToken).ConfigureAwait(false);
            if (asked is HangUpOutcome)
                return asked;
            mailbox = asked is DigitsOutcome { Digits: { Length: > 0 } digits } ? digits : "";
            if (mailbox.Length == 0)
                return new ResultOutcome("NoAnswer");
        }
        var number = NumberOf(mailbox);
        var ringFor = Duration(request, "no_answer_timeout") ?? DefaultNoAnswer;
        var outcome = await WhileHoldingAsync(dialog, () => PlaceCallAsync(number, OutboundPeer(dialog), Display(request, dialog), ringFor,
            () => dialog.Channel.IsHungUp, cancellationToken)).ConfigureAwait(false);
        if (dialog.Channel.IsHungUp)
        {
            if (outcome.Dialog is { } orphan)
                await EndDialogAsync(SipDialog.Key(orphan.CallId, orphan.LocalTag), sendBye: true, "the caller hung up during the transfer").ConfigureAwait(false);
            return new HangUpOutcome();
        }
        switch (outcome.Status)
        {
            case OutboundStatus.Answered:
                await ConnectAsync(dialog, outcome.Dialog!, $"assisted transfer to {number}").ConfigureAwait(false);
                return new ResultOutcome("Next");
            case OutboundStatus.Busy:
                return new ResultOutcome("Busy");
            default:
                _log.LogInformation("call {CallId}: assisted transfer to {Number} not answered ({Status})", dialog.CallId, number, outcome.StatusCode);
                return new ResultOutcome("NoAnswer");
        }
    }

    /// <summary>
    /// Whisper: the caller holds while CallFlow calls the destination; when it answers it hears the caller's recording
    /// (voice_question, listen) unless <c>play_recording false</c>, then the <c>after_prompt</c>s; 1 accepts (or
    /// <c>auto_accept</c> needs no key) and the two are connected (Next); any other key, no key within 10 s, or a hang-up
    /// rejects (Reject). Busy and NoAnswer as for an assisted transfer.
    /// </summary>
    private async ValueTask<Outcome> WhisperAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        var destination = Setting(request, "destination") ?? "";
        var ringFor = Duration(request, "no_answer_timeout") ?? DefaultNoAnswer;
        var playRecording = Setting(request, "play_recording") != "false";
        var autoAccept = Setting(request, "auto_accept") == "true";
        var afterPrompts = Prompts(Setting(request, "after_prompt"));
        string? recordingPath = null;
        IDisposable? lease = null;
        if (playRecording && dialog.Context?.LastRecording is { } id && await _host.Store.OpenPlaybackAsync(id, cancellationToken).ConfigureAwait(false) is { } playback)
        {
            lease = playback;
            recordingPath = playback.AudioPath;
        }
        try
        {
            var accepted = false;
            var outcome = await WhileHoldingAsync(dialog, async () =>
            {
                var call = await PlaceCallAsync(NumberOf(destination), OutboundPeer(dialog), Display(request, dialog), ringFor, () => dialog.Channel.IsHungUp, cancellationToken)
                    .ConfigureAwait(false);
                if (call.Dialog is not { } target)
                    return call;
                // The target hears the recording and the prompts; the caller keeps holding meanwhile.
                var prompts = ImmutableArray.CreateBuilder<PlayPrompt>();
                if (recordingPath is not null)
                    prompts.Add(new PlayPrompt(VmpPromptKind.File, recordingPath));
                prompts.AddRange(afterPrompts);
                if (autoAccept)
                {
                    var played = await target.Channel.PlayAsync(new PlayEffect(prompts.ToImmutable(), Languages(dialog)), cancellationToken).ConfigureAwait(false);
                    accepted = played is not HangUpOutcome;
                }
                else
                {
                    var answer = await target.Channel.CollectAsync(new CollectDigitsEffect(1, WhisperKeyWait, WhisperKeyWait, "", false)
                    {
                        Prompts = prompts.ToImmutable(),
                        Languages = Languages(dialog),
                    }, cancellationToken).ConfigureAwait(false);
                    accepted = answer is DigitsOutcome { Digits: "1" };
                }
                return call;
            }).ConfigureAwait(false);
            if (outcome.Dialog is { } target && (!accepted || dialog.Channel.IsHungUp))
            {
                await EndDialogAsync(SipDialog.Key(target.CallId, target.LocalTag), sendBye: !target.Channel.IsHungUp,
                    dialog.Channel.IsHungUp ? "the caller hung up during the whisper" : "the whisper was rejected").ConfigureAwait(false);
                return dialog.Channel.IsHungUp ? new HangUpOutcome() : new ResultOutcome("Reject");
            }
            if (dialog.Channel.IsHungUp)
                return new HangUpOutcome();
            switch (outcome.Status)
            {
                case OutboundStatus.Answered:
                    await ConnectAsync(dialog, outcome.Dialog!, $"whisper to {destination} accepted").ConfigureAwait(false);
                    return new ResultOutcome("Next");
                case OutboundStatus.Busy:
                    return new ResultOutcome("Busy");
                default:
                    return new ResultOutcome("NoAnswer");
            }
        }
        finally
        {
            lease?.Dispose();
        }
    }

    /// <summary>
    /// Park and Page: the caller is parked in a slot (the flow's, or the lowest free one of server.park_slot_min..max)
    /// and hears "call parked" and hold music; CallFlow calls the page target and, when it answers, plays the
    /// <c>page_prompt</c>s (default "There is a call waiting for you in park slot") and reads the slot number out, then
    /// hangs up; the page is repeated <c>retries</c> times every <c>retry_interval</c> while nobody picks up. Whoever
    /// calls the slot number is connected: Success. Nobody within <c>timeout</c> after at least one page was heard:
    /// Timeout. No free slot, or no page reached anyone: Failure.
    /// </summary>
    private async ValueTask<Outcome> ParkAndPageAsync(SipDialog dialog, RequestEffect request, CancellationToken cancellationToken)
    {
        var page = NumberOf(Setting(request, "page") ?? "");
        var retries = int.TryParse(Setting(request, "retries"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : DefaultPageRetries;
        var interval = Duration(request, "retry_interval") ?? DefaultPageInterval;
        var timeout = Duration(request, "timeout") ?? DefaultParkTimeout;
        var announcement = Prompts(Setting(request, "page_prompt"));
        if (announcement.IsEmpty)
            announcement = [new PlayPrompt(VmpPromptKind.System, "page_announcement")];

        if (_parking.Park(dialog, Setting(request, "slot")) is not { } parked)
        {
            _log.LogWarning("call {CallId}: park and page failed: no free park slot", dialog.CallId);
            return new ResultOutcome("Failure");
        }
        _log.LogInformation("call {CallId} parked in slot {Slot}; paging {Page}", dialog.CallId, parked.Slot, page);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var deadline = DateTimeOffset.UtcNow + timeout;
            var hold = HoldMusicAsync(dialog, "call_parked", stop.Token);
            var paged = 0;
            var failedPages = 0;
            for (var attempt = 0; attempt <= retries && !parked.PickedUp.IsCompleted && !dialog.Channel.IsHungUp && DateTimeOffset.UtcNow < deadline; attempt++)
            {
                if (attempt > 0)
                    await Task.WhenAny(parked.PickedUp, Task.Delay(interval, stop.Token)).ConfigureAwait(false);
                if (parked.PickedUp.IsCompleted || dialog.Channel.IsHungUp)
                    break;
                var ringFor = deadline - DateTimeOffset.UtcNow < DefaultNoAnswer ? deadline - DateTimeOffset.UtcNow : DefaultNoAnswer;
                if (ringFor <= TimeSpan.Zero)
                    break;
                if (await PageAsync(dialog, page, parked.Slot, announcement, ringFor, () => parked.PickedUp.IsCompleted || dialog.Channel.IsHungUp, cancellationToken).ConfigureAwait(false))
                    paged++;
                else
                    failedPages++;
            }
            if (paged == 0 && !parked.PickedUp.IsCompleted && !dialog.Channel.IsHungUp && parked.TryClose())
            {
                await StopHoldAsync(dialog, stop, hold).ConfigureAwait(false);
                _log.LogInformation("call {CallId}: no page to {Page} reached anyone ({Failed} tried)", dialog.CallId, page, failedPages);
                return new ResultOutcome("Failure");
            }
            // Wait for a pick-up, the caller hanging up, or the park timeout; a hang-up is seen within half a second.
            while (!parked.PickedUp.IsCompleted && !dialog.Channel.IsHungUp && DateTimeOffset.UtcNow < deadline)
            {
                var left = deadline - DateTimeOffset.UtcNow;
                await Task.WhenAny(parked.PickedUp, Task.Delay(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500), stop.Token))
                    .ConfigureAwait(false);
            }
            if (!parked.PickedUp.IsCompleted && parked.TryClose())
            {
                await StopHoldAsync(dialog, stop, hold).ConfigureAwait(false);
                if (dialog.Channel.IsHungUp)
                    return new HangUpOutcome();
                _log.LogInformation("call {CallId}: nobody picked up park slot {Slot} within {Timeout}", dialog.CallId, parked.Slot, timeout);
                return new ResultOutcome("Timeout");
            }
            var picker = await parked.PickedUp.ConfigureAwait(false);
            await StopHoldAsync(dialog, stop, hold).ConfigureAwait(false);
            if (dialog.Channel.IsHungUp)
            {
                await EndDialogAsync(SipDialog.Key(picker.CallId, picker.LocalTag), sendBye: true, "the parked caller hung up").ConfigureAwait(false);
                return new HangUpOutcome();
            }
            await ConnectAsync(dialog, picker, $"picked up from park slot {parked.Slot}").ConfigureAwait(false);
            return new ResultOutcome("Success");
        }
        finally
        {
            _parking.Release(parked);
        }
    }

    /// <summary>One page: call the target, play the announcement and the slot number, hang up. True when it was heard.</summary>
    private async Task<bool> PageAsync(SipDialog caller, string page, string slot, ImmutableArray<PlayPrompt> announcement, TimeSpan ringFor, Func<bool> abandon,
        CancellationToken cancellationToken)
    {
        var call = await PlaceCallAsync(page, OutboundPeer(caller), $"Park {slot}", ringFor, abandon, cancellationToken).ConfigureAwait(false);
        if (call.Dialog is not { } target)
        {
            _log.LogInformation("page to {Page} for slot {Slot}: {Status} ({Code})", page, slot, call.Status, call.StatusCode);
            return false;
        }
        var played = await target.Channel.PlayAsync(new PlayEffect([.. announcement, new PlayPrompt(VmpPromptKind.Digits, slot)], Languages(caller)), cancellationToken)
            .ConfigureAwait(false);
        // Answered is heard: whether the paged person listened to the end or hung up early, the page reached someone.
        await EndDialogAsync(SipDialog.Key(target.CallId, target.LocalTag), sendBye: !target.Channel.IsHungUp,
            played is HangUpOutcome ? $"page for park slot {slot}: hung up during the announcement" : $"page for park slot {slot} delivered").ConfigureAwait(false);
        return true;
    }

    /// <summary>Runs <paramref name="work"/> while the caller hears "please hold" and the hold music.</summary>
    private async Task<OutboundCall> WhileHoldingAsync(SipDialog caller, Func<Task<OutboundCall>> work)
    {
        using var stop = new CancellationTokenSource();
        var hold = HoldMusicAsync(caller, "please_hold", stop.Token);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            await StopHoldAsync(caller, stop, hold).ConfigureAwait(false);
        }
    }

    /// <summary>Plays <paramref name="first"/>, then the music_on_hold prompt over and over, until stopped or the caller is gone.</summary>
    private async Task HoldMusicAsync(SipDialog caller, string first, CancellationToken stop)
    {
        try
        {
            var prompt = first;
            while (!stop.IsCancellationRequested && !caller.Channel.IsHungUp)
            {
                var source = await _prompts.ResolveAsync(new PlayPrompt(VmpPromptKind.System, prompt), Languages(caller), caller.Media.Law, stop).ConfigureAwait(false);
                await caller.Media.PlayAsync(source, bargeIn: false).WaitAsync(stop).ConfigureAwait(false);
                prompt = "music_on_hold";
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task StopHoldAsync(SipDialog caller, CancellationTokenSource stop, Task hold)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await hold.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        caller.Media.StopPlayback();
    }

    /// <summary>
    /// Connects the caller with another leg: the flow lets the caller go (its channel reports the call gone to any
    /// later audio action), the two sessions are bridged, and the dialogs live until either side hangs up, which hangs
    /// up the other.
    /// </summary>
    private async Task ConnectAsync(SipDialog caller, SipDialog other, string why)
    {
        caller.Channel.Detach();
        other.Channel.Detach();
        var bridge = MediaBridge.Connect(caller.Media, other.Media);
        caller.Partner = other;
        other.Partner = caller;
        caller.Bridge = bridge;
        other.Bridge = bridge;
        _log.LogInformation("call {CallId} connected to {Other}: {Why}", caller.CallId, other.CallId, why);
        // Either side may have hung up while the bridge was being made; then end both now.
        if (caller.Ended || other.Ended)
        {
            await EndDialogAsync(SipDialog.Key(caller.CallId, caller.LocalTag), sendBye: !caller.Ended, "the other side hung up while connecting").ConfigureAwait(false);
            await EndDialogAsync(SipDialog.Key(other.CallId, other.LocalTag), sendBye: !other.Ended, "the other side hung up while connecting").ConfigureAwait(false);
        }
    }

    /// <summary>Where calls CallFlow places go: server.pbx_address, or the server the caller's call came from (same
    /// transport and connection).</summary>
    private SipPeer OutboundPeer(SipDialog caller) => _settings.PbxAddress is { } pbx ? new SipPeer(pbx, null) : caller.Peer;

    /// <summary>A mailbox name becomes its extension or group number; digits stay as they are.</summary>
    private string NumberOf(string mailboxOrNumber) =>
        _configuration.FindUser(mailboxOrNumber)?.Extension ?? _configuration.FindGroup(mailboxOrNumber)?.Extension ?? mailboxOrNumber;

    private static string Display(RequestEffect request, SipDialog caller) =>
        Setting(request, "description") ?? Setting(request, "display") ?? caller.Invite.From?.Uri.User ?? "CallFlow";

    private ImmutableArray<string> Languages(SipDialog dialog) => [dialog.Context?.State.Language ?? _configuration.System.Language];

    private static string First(RequestEffect request) => request.Results.IsEmpty ? "Next" : request.Results[0];

    private static string? Setting(RequestEffect request, string name) =>
        request.Settings.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A duration setting as the machine renders it ("20000ms").</summary>
    private static TimeSpan? Duration(RequestEffect request, string name) =>
        Setting(request, name) is { } text && text.EndsWith("ms", StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    /// <summary>
    /// A prompt list setting as the machine renders it: "Kind:text" items joined by ", ". An item starts only where a
    /// known kind follows the separator, so a comma inside spoken text stays in its item.
    /// </summary>
    internal static ImmutableArray<PlayPrompt> Prompts(string? rendered)
    {
        if (string.IsNullOrEmpty(rendered))
            return [];
        var prompts = ImmutableArray.CreateBuilder<PlayPrompt>();
        var start = 0;
        while (start < rendered.Length)
        {
            var next = start;
            int end;
            while (true)
            {
                end = rendered.IndexOf(", ", next, StringComparison.Ordinal);
                if (end < 0 || StartsWithKind(rendered.AsSpan(end + 2)))
                    break;
                next = end + 2;
            }
            var item = end < 0 ? rendered[start..] : rendered[start..end];
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Enum.TryParse<VmpPromptKind>(item[..colon], out var kind))
                prompts.Add(new PlayPrompt(kind, item[(colon + 1)..]));
            start = end < 0 ? rendered.Length : end + 2;
        }
        return prompts.ToImmutable();
    }

    private static bool StartsWithKind(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        return colon > 0 && Enum.TryParse<VmpPromptKind>(text[..colon], out _);
    }
}
