namespace CallFlow.Vmp;

public enum VmpFlowKind : byte
{
    StartPoint = 1,
    Module = 2,
}

[Flags]
public enum VmpFlowFlags : byte
{
    None = 0,
    /// <summary>Queued / Still Queued: an unconnected result or disconnect returns the caller to the queue.</summary>
    Queue = 1,
    /// <summary>A module that can be run directly as VM:Name.</summary>
    Direct = 2,
}
