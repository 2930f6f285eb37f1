using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>a and b</c>, <c>a or b</c>.</summary>
public sealed record BinaryConditionSyntax(ConditionExpressionSyntax Left, SyntaxToken Operator, ConditionExpressionSyntax Right, TextSpan Span)
    : ConditionExpressionSyntax(Span);
