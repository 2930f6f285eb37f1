using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>Stands where the parser could not read a condition; it was already reported.</summary>
public sealed record ErrorConditionSyntax(TextSpan Span) : ConditionExpressionSyntax(Span);
