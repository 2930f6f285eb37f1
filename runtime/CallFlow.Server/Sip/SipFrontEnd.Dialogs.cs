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

/// <summary>The end of a dialog, from either side.</summary>
public sealed partial class SipFrontEnd
{
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
}
