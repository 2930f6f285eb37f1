using System.Collections.Immutable;

namespace CallFlow.Runtime.Vm;

/// <summary>What happened when the host performed an <see cref="Effect"/>.</summary>
public abstract record Outcome;

/// <summary>The prompts or speech finished, or were cut short by keys (<see cref="BargeIn"/>, empty when none).</summary>
public sealed record PlayedOutcome(string BargeIn = "") : Outcome;

/// <summary>Keys collected (without the terminating '#').</summary>
public sealed record DigitsOutcome(string Digits) : Outcome;

/// <summary>No key in time.</summary>
public sealed record TimeoutOutcome : Outcome;

/// <summary>A fax tone was detected while collecting.</summary>
public sealed record FaxToneOutcome : Outcome;

/// <summary>The caller hung up.</summary>
public sealed record HangUpOutcome : Outcome;

/// <summary>The host's answer to a <see cref="RequestEffect"/>: the result the action took, and the call variables
/// the action set ($DBD[0..5] for a database row, $SAV for a recording, $ANS_PARTY ...), set before the result is followed.</summary>
public sealed record ResultOutcome(string Result) : Outcome
{
    /// <summary>Variables to set, by name ("$DBD[0]", "SAV").</summary>
    public ImmutableSortedDictionary<string, string> Variables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Keys the caller pressed while the host played something for the request; a following menu gets them
    /// as keys typed ahead (a message interrupted by "7" for save).</summary>
    public string TypedAhead { get; init; } = "";
}

/// <summary>The host ended the call while performing a request (a breakout key transferred the caller, say).</summary>
public sealed record CallEndedOutcome(EndReason Reason) : Outcome;

/// <summary>
/// The host performs a request by running a module of the program (get_mail runs the mailbox interface of the server's
/// mode, written in stdlib/). The module's exits are the request's results; <see cref="Variables"/> are set first.
/// </summary>
public sealed record CallModuleOutcome(string Module) : Outcome
{
    /// <summary>Variables to set before the module starts, by name.</summary>
    public ImmutableSortedDictionary<string, string> Variables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
