namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// Something a generic command asks the VM and host to do beyond changing variables: change the caller's
/// priority, forward the last recording, save it. The interpreter does no I/O itself.
/// </summary>
public abstract record GenericCommandRequest;
