using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>Mon-Fri</c>, <c>09:00-17:30</c>, <c>2026-12-25</c>.</summary>
public sealed record RangePartSyntax(SyntaxToken Low, SyntaxToken? High, TextSpan Span) : SyntaxNode(Span);
