using System.Collections.Immutable;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// An action the host performs with its channels and stores (leave_mail, transfer, park_and_page, email ...), with
/// its settings as text (variables replaced). Resume with <see cref="ResultOutcome"/> naming one of <see cref="Results"/>.
/// </summary>
public sealed record RequestEffect(string Action, ImmutableSortedDictionary<string, string> Settings, ImmutableArray<string> Results) : Effect
{
    /// <summary>Keys the caller typed during the action's entry prompts: a host that asks for keys (a code, a greeting
    /// breakout) takes them as already pressed.</summary>
    public string TypedAhead { get; init; } = "";
}
