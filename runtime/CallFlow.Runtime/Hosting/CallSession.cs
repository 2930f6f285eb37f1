using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting;

/// <summary>
/// Runs one call: starts the machine, performs each effect through the channel or a request handler, resumes the
/// machine with the outcome, until the call ends. Awaits, never blocks: thousands of sessions share a few threads.
/// </summary>
public sealed class CallSession(Machine machine, CallContext call, IReadOnlyList<IRequestHandler> handlers)
{
    /// <summary>A call can wait at most this many times; a flow that keeps a forgotten line open forever ends.</summary>
    public const int MaxTurns = 10_000;

    /// <summary>Called after every Start and Resume, before the next effect is performed (transcripts use it).</summary>
    public Action<Step>? AfterStep { get; init; }

    /// <summary>Runs the call from <paramref name="address"/> (a start point or module) to its end.</summary>
    public async ValueTask<Step> RunAsync(string address, CancellationToken cancellationToken = default)
    {
        var step = machine.Start(call.State, address, call.Channel.Now);
        AfterStep?.Invoke(step);
        for (var turns = 0; turns < MaxTurns && step.State == ExecutionState.Suspended; turns++)
        {
            var outcome = await PerformAsync(step.Effect!, cancellationToken).ConfigureAwait(false);
            step = machine.Resume(call.State, outcome, call.Channel.Now);
            AfterStep?.Invoke(step);
        }
        return step;
    }

    private ValueTask<Outcome> PerformAsync(Effect effect, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case PlayEffect play:
                return call.Channel.PlayAsync(play, cancellationToken);
            case SpeakEffect speak:
                return call.Channel.SpeakAsync(speak, cancellationToken);
            case CollectDigitsEffect collect:
                return call.Channel.CollectAsync(collect, cancellationToken);
            case RequestEffect request:
                foreach (var handler in handlers)
                {
                    if (handler.Handles(request.Action))
                        return handler.PerformAsync(call, request, cancellationToken);
                }
                return call.Channel.RequestAsync(request, cancellationToken);
            default:
                return ValueTask.FromResult<Outcome>(new HangUpOutcome());
        }
    }
}
