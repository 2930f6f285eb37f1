using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>A setting or argument value.</summary>
public abstract record ValueSyntax(TextSpan Span) : SyntaxNode(Span);
