using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

public abstract record ConditionExpressionSyntax(TextSpan Span) : SyntaxNode(Span);
