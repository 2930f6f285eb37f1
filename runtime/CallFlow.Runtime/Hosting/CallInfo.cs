using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting;

/// <summary>A call as the PBX presents it: the calling number, the mailbox it was for (null for short codes) and why
/// it reached voicemail.</summary>
public sealed record CallInfo(string Caller, string? CalledMailbox, CallType Type);
