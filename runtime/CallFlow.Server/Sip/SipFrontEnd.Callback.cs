using System.Collections.Concurrent;
using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;
using CallFlow.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>
/// Call-back on new messages (reference §7.10): Voicemail Ringback calls the user's own extension, and each callback
/// number (<c>P</c> source number) is called too; an answered call runs the mailbox's Callback start point (the user's,
/// else Default.Callback). Voicemail Pro rings back when the phone goes on-hook, which a SIP server cannot see: CallFlow
/// calls when a new message arrives, at most once every 30 s per number, with at most 2 call-back calls at once (the
/// manual's callback channel limit, §12.4). Calls go to <c>server.pbx_address</c>; without it none are placed. The call
/// speaks the mailbox owner's language (users[].language), else the system's.
/// </summary>
public sealed partial class SipFrontEnd
{
    private static readonly TimeSpan CallbackInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallbackRing = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _callbackLines = new(2, 2);
    private readonly ConcurrentDictionary<string, int> _newSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastCallback = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Call-back calls placed since the start (answered or not).</summary>
    public int CallbacksPlaced => _callbacksPlaced;

    private int _callbacksPlaced;

    private void OnMessageWaitingForCallback(object? sender, MessageWaitingChangedEventArgs change)
    {
        // Only an increase of new messages is news; reading or deleting them changes the lamp but calls nobody.
        var before = _newSeen.GetValueOrDefault(change.Mailbox);
        _newSeen[change.Mailbox] = change.Counts.New;
        if (change.Counts.New <= before || _configuration.FindUser(change.Mailbox) is not { } user)
            return;
        var numbers = new List<string>();
        if (user.Ringback && !string.IsNullOrEmpty(user.Extension))
            numbers.Add(user.Extension);
        numbers.AddRange(user.SourceNumbers.Where(s => s.Kind == SourceNumberKind.CallbackNumber).Select(s => s.Value));
        foreach (var number in numbers.Distinct(StringComparer.Ordinal))
        {
            var now = DateTimeOffset.UtcNow;
            if (_lastCallback.TryGetValue(number, out var last) && now - last < CallbackInterval)
                continue;
            _lastCallback[number] = now;
            _ = Task.Run(() => CallBackAsync(user.Name, number));
        }
    }

    private async Task CallBackAsync(string mailbox, string number)
    {
        if (_settings.PbxAddress is not { } pbx)
        {
            _log.LogWarning("call-back to {Number} for {Mailbox} not placed: server.pbx_address is not set", number, mailbox);
            return;
        }
        if (_host.Live.Current is not { } live || StartPointSelector.Select(live.Program, mailbox, CallType.Callback) is not { } address)
        {
            _log.LogWarning("call-back to {Number} for {Mailbox} not placed: no Callback start point", number, mailbox);
            return;
        }
        try
        {
            await _callbackLines.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            Interlocked.Increment(ref _callbacksPlaced);
            var call = await PlaceCallAsync(number, new SipPeer(pbx, null), "Voicemail", CallbackRing, () => _stopping.IsCancellationRequested, _stopping.Token)
                .ConfigureAwait(false);
            if (call.Dialog is not { } dialog)
            {
                _log.LogInformation("call-back to {Number} for {Mailbox}: {Status} ({Code})", number, mailbox, call.Status, call.StatusCode);
                return;
            }
            dialog.Channel.Network = (request, token) => NetworkAsync(dialog, request, token);
            if (_host.TryStartCall(dialog.Channel, new CallInfo(number, mailbox, CallType.Callback), new CallState(NewCallVariables(number, mailbox), _configuration.FindUser(mailbox)?.Language ?? _configuration.System.Language)) is not { } started)
            {
                await EndDialogAsync(SipDialog.Key(dialog.CallId, dialog.LocalTag), sendBye: true, "no room for the call-back").ConfigureAwait(false);
                return;
            }
            dialog.Session = started.Session;
            dialog.Context = started.Context;
            dialog.Address = address;
            _log.LogInformation("call-back to {Number} for {Mailbox} answered: {Address}", number, mailbox, address);
            await RunCallAsync(dialog).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogError(e, "call-back to {Number} for {Mailbox} failed", number, mailbox);
        }
        finally
        {
            _callbackLines.Release();
        }
    }
}
