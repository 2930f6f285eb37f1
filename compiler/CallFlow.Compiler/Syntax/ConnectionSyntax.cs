using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>on Success -> Goodbye</c>, <c>on Timeout, Invalid { ... }</c></summary>
public sealed record ConnectionSyntax(ImmutableArray<SyntaxToken> Results, BranchSyntax Branch, TextSpan Span) : BodyItemSyntax(Span);
