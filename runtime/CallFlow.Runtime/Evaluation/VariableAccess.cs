namespace CallFlow.Runtime.Evaluation;

/// <summary>How a named call variable may be written (reference §6.1).</summary>
internal enum VariableAccess
{
    /// <summary>A flow may assign it (CPx:, EVAL:, STRING: targets).</summary>
    Writable,
    /// <summary>Only the host and the VM set it (the caller's name, the queue position, ...).</summary>
    ReadOnly,
    /// <summary>Computed from the call's clock; nobody sets it.</summary>
    Clock,
}
