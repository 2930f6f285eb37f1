namespace CallFlow.Vmp;

/// <summary>
/// Why a root.vmp was refused. Each has a VF5xxx code documented in docs/diagnostics/ (the compiler's
/// DiagnosticDescriptors carries the same codes and names; a test keeps them equal).
/// </summary>
public enum VmpLoadError
{
    NotAVmpFile = 5001,
    BuiltByNewerVmc = 5002,
    BuiltByOlderVmc = 5003,
    Truncated = 5004,
    ChecksumMismatch = 5005,
    BadSectionTable = 5006,
    MalformedSection = 5007,
    BadReference = 5008,
    BadJumpTarget = 5009,
    UnknownOpcode = 5010,
    BadCondition = 5011,
}

/// <summary>A refused root.vmp: the error, a message naming what is wrong, and the byte offset where it was found.</summary>
public sealed class VmpLoadException(VmpLoadError error, string message, long offset) : Exception(message)
{
    public VmpLoadError Error { get; } = error;
    public long Offset { get; } = offset;
    public string Code => $"VF{(int)Error:D4}";
}
