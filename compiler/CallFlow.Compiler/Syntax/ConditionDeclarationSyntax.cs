using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>condition Open = weekly(Mon-Fri 09:00-17:30) and not Holidays</c></summary>
public sealed record ConditionDeclarationSyntax(SyntaxToken Name, ConditionExpressionSyntax Expression, TextSpan Span) : DeclarationSyntax(Span);
