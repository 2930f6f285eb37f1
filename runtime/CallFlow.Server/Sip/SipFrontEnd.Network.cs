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

/// <summary>The telephony actions a flow asks the network to perform.</summary>
public sealed partial class SipFrontEnd
{
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
}
