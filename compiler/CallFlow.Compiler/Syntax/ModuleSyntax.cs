using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>module Reception { ... }</c>: a named sub-flow; <c>direct</c> lets it be run as <c>VM:Reception</c>.</summary>
public sealed record ModuleSyntax(SyntaxToken Name, bool IsDirect, FlowBodySyntax Body, TextSpan Span) : DeclarationSyntax(Span);
