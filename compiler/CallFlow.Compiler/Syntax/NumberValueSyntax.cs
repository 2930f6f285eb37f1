using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record NumberValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);
