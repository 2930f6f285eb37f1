namespace CallFlow.Runtime.Vm;

/// <summary>A VF6xxx runtime fault: the code, a message and the instruction it happened at.</summary>
public sealed record RuntimeFault(string Code, string Message, int Pc);
