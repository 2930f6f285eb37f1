using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>One line inside an action's braces.</summary>
public abstract record BodyItemSyntax(TextSpan Span) : SyntaxNode(Span);
