using CallFlow.Sip;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>The end of a dialog, from either side; a connected leg takes its partner with it.</summary>
public sealed partial class SipFrontEnd
{
    private long _framesFromCallers;
    private long _framesToCallers;

    /// <summary>Audio frames relayed by connections that have ended: from the callers to the legs they were connected
    /// to, and back.</summary>
    public (long FromCallers, long ToCallers) FramesRelayed => (Interlocked.Read(ref _framesFromCallers), Interlocked.Read(ref _framesToCallers));

    private async Task EndDialogAsync(string key, bool sendBye, string why)
    {
        if (!_dialogs.TryRemove(key, out var dialog) || dialog.Ended)
            return;
        dialog.Ended = true;
        dialog.Channel.HangUp();
        if (dialog.Bridge is { } bridge && bridge.Stop())
        {
            var (aToB, bToA) = bridge.Frames;
            Interlocked.Add(ref _framesFromCallers, aToB);
            Interlocked.Add(ref _framesToCallers, bToA);
            _log.LogInformation("call {CallId}: connection ended after {AToB}/{BToA} frames relayed", dialog.CallId, aToB, bToA);
        }
        // A pick-up call that ends before its ACK leaves the parked call for someone else.
        if (dialog.PickingUp is { } parked && !dialog.Confirmed)
            parked.Unclaim();
        if (sendBye)
            await SendByeAsync(dialog).ConfigureAwait(false);
        await dialog.Media.DisposeAsync().ConfigureAwait(false);
        _log.LogInformation("call {CallId} ended: {Why}", dialog.CallId, why);
        if (dialog.Partner is { Ended: false } partner)
            await EndDialogAsync(SipDialog.Key(partner.CallId, partner.LocalTag), sendBye: true, $"the other side ({dialog.CallId}) hung up").ConfigureAwait(false);
    }

    /// <summary>BYE to the caller, to the address the INVITE came from; retransmitted over UDP (T1 doubling) a few times.</summary>
    private async Task SendByeAsync(SipDialog dialog) =>
        await SendRequestAsync(dialog, InDialogRequest(dialog, SipMethods.Bye), TimeSpan.FromSeconds(8), CancellationToken.None, untilHangUp: false).ConfigureAwait(false);
}
