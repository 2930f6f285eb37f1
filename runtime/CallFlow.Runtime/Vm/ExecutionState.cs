namespace CallFlow.Runtime.Vm;

/// <summary>Where a call stands after the machine ran it as far as it could.</summary>
public enum ExecutionState
{
    /// <summary><see cref="Step.Effect"/> is set: perform it, then resume with the outcome.</summary>
    Suspended,
    /// <summary>The call left the flows; <see cref="Step.EndReason"/> says how.</summary>
    Completed,
    /// <summary>A runtime fault (VF6xxx) stopped the call; <see cref="Step.Fault"/> says what and where.</summary>
    Faulted,
}
