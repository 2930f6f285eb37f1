using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>case "201" -> Boss</c>: one test of a test_variable action.</summary>
public sealed record CaseBranchSyntax(ValueSyntax Test, BranchSyntax Branch, TextSpan Span) : BodyItemSyntax(Span);
