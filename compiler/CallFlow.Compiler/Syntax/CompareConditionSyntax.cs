using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>$CLI == "01707364143"</c>, <c>$HOUR >= 18</c> (Voicemail Pro's Compare element).</summary>
public sealed record CompareConditionSyntax(ValueSyntax Left, SyntaxToken Operator, ValueSyntax Right, TextSpan Span)
    : ConditionExpressionSyntax(Span);
