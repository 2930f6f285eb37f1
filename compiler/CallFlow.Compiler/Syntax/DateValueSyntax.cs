using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record DateValueSyntax(string Text, TextSpan Span) : ValueSyntax(Span);
