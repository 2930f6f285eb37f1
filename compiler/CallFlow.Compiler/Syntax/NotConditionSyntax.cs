using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public sealed record NotConditionSyntax(ConditionExpressionSyntax Operand, TextSpan Span) : ConditionExpressionSyntax(Span);
