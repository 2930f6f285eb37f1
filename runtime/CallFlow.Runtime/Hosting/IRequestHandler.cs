using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting;

/// <summary>
/// Performs requests the machine hands out (leave_mail, get_mail's mailbox steps, email ...) with the host's stores,
/// through the call's channel. A session asks its handlers in order; the first that <see cref="Handles"/> an action
/// performs it; requests nobody handles go to the channel.
/// </summary>
public interface IRequestHandler
{
    /// <summary>Whether this handler performs <paramref name="action"/>.</summary>
    bool Handles(string action);

    /// <summary>Performs the request; returns the result to resume the machine with (a <see cref="ResultOutcome"/>,
    /// <see cref="HangUpOutcome"/> or <see cref="CallEndedOutcome"/>).</summary>
    ValueTask<Outcome> PerformAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken = default);
}
