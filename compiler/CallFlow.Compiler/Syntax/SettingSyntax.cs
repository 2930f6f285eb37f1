using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>timeout 5s</c>, <c>prompt "a.wav", system(welcome)</c>, <c>mailbox caller</c></summary>
public sealed record SettingSyntax(SyntaxToken Name, ImmutableArray<ValueSyntax> Values, TextSpan Span) : BodyItemSyntax(Span);
