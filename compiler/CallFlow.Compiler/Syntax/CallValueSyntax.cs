using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary><c>system(welcome)</c>, <c>tts("Hello")</c>, <c>digits($CLI)</c></summary>
public sealed record CallValueSyntax(SyntaxToken Function, ImmutableArray<ValueSyntax> Arguments, TextSpan Span) : ValueSyntax(Span);
