namespace CallFlow.Compiler.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}
