using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>The name of another condition (Voicemail Pro's embedded Condition element).</summary>
public sealed record ReferenceConditionSyntax(SyntaxToken Name, TextSpan Span) : ConditionExpressionSyntax(Span);
