using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Diagnostics;

/// <summary>One finding of any stage: parse, binding, checks, and later loading and running.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message, string? Hint)
{
    public string Code => Descriptor.Code;
    public Severity Severity => Descriptor.Severity;
    public bool IsError => Severity == Severity.Error;
}
