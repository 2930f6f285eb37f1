using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>Where a result leads: <c>-> Target</c> or an inline <c>{ ... }</c> block.</summary>
public abstract record BranchSyntax(TextSpan Span) : SyntaxNode(Span);
