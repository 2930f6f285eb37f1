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

/// <summary>The host's answer to a <see cref="RequestEffect"/>: the result the action took.</summary>
public sealed record ResultOutcome(string Result) : Outcome;
