using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>Stands where the parser could not read a value; it was already reported.</summary>
public sealed record ErrorValueSyntax(TextSpan Span) : ValueSyntax(Span);
