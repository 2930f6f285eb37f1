namespace CallFlow.Runtime.Vm;

/// <summary>The result of <see cref="Machine.Start"/> or <see cref="Machine.Resume"/>.</summary>
public sealed record Step(ExecutionState State, Effect? Effect, EndReason? EndReason, RuntimeFault? Fault)
{
    internal static Step Suspend(Effect effect) => new(ExecutionState.Suspended, effect, null, null);

    /// <summary>How a call ended. A Step is immutable, so every call that ends the same way gets the same one.</summary>
    internal static Step End(EndReason reason) =>
        (uint)reason < (uint)Ends.Length ? Ends[(int)reason] : new(ExecutionState.Completed, null, reason, null);

    internal static Step Fail(RuntimeFault fault) => new(ExecutionState.Faulted, null, null, fault);

    // Indexed by the reason's value, 0 to the largest EndReason.
    private static readonly Step[] Ends =
        [.. Enumerable.Range(0, Enum.GetValues<EndReason>().Max(r => (int)r) + 1).Select(r => new Step(ExecutionState.Completed, null, (EndReason)r, null))];
}
