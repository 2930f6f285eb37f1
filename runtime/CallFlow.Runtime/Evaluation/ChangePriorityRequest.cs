namespace CallFlow.Runtime.Evaluation;

/// <summary>PRIORITY:n: the caller's priority before reaching a hunt group, 1 (low), 2 (medium) or 3 (high).</summary>
/// <example><c>PRIORITY:3</c> gives <c>new ChangePriorityRequest(3)</c>.</example>
public sealed record ChangePriorityRequest(int Priority) : GenericCommandRequest;
