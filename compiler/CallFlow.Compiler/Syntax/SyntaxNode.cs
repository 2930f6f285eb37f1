using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>Base of CallFlow's own immutable syntax tree. Later stages never see ANTLR types.</summary>
public abstract record SyntaxNode(TextSpan Span);
