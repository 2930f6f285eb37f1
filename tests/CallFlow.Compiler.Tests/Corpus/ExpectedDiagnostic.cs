namespace CallFlow.Compiler.Tests.Corpus;

/// <summary>One diagnostic a corpus file says it expects, written as a comment under the line it belongs to.</summary>
public sealed record ExpectedDiagnostic(int Line, int Column, string Code, string? Message, int AnnotationLine)
{
    public override string ToString() => $"({Line},{Column}) {Code}{(Message is null ? "" : ": " + Message)}";
}
