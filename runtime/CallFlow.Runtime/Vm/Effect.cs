namespace CallFlow.Runtime.Vm;

/// <summary>What the host must do for a suspended call before resuming it with an <see cref="Outcome"/>.</summary>
public abstract record Effect;
