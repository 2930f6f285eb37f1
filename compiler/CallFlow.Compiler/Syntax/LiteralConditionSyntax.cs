using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record LiteralConditionSyntax(bool Value, TextSpan Span) : ConditionExpressionSyntax(Span);
