using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>One parsed .vflow file.</summary>
public sealed record CompilationUnitSyntax(SourceText Source, ImmutableArray<DeclarationSyntax> Declarations, TextSpan Span) : SyntaxNode(Span);
