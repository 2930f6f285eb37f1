using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>key 1 -> Sales</c>: a menu key or sequence and where it leads.</summary>
public sealed record KeyBranchSyntax(ValueSyntax Pattern, BranchSyntax Branch, TextSpan Span) : BodyItemSyntax(Span);
