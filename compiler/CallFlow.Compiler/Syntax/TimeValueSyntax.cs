using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record TimeValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);
