using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record BooleanValueSyntax(bool Value, TextSpan Span) : ValueSyntax(Span);
