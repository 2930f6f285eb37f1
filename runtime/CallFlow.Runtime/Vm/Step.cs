namespace CallFlow.Runtime.Vm;

/// <summary>The result of <see cref="Machine.Start"/> or <see cref="Machine.Resume"/>.</summary>
public sealed record Step(ExecutionState State, Effect? Effect, EndReason? EndReason, RuntimeFault? Fault)
{
    internal static Step Suspend(Effect effect) => new(ExecutionState.Suspended, effect, null, null);
    internal static Step End(EndReason reason) => new(ExecutionState.Completed, null, reason, null);
    internal static Step Fail(RuntimeFault fault) => new(ExecutionState.Faulted, null, null, fault);
}
