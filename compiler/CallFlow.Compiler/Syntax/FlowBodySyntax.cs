using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>A <c>{ ... }</c> list of actions: the body of a start point or module, or an inline branch.</summary>
public sealed record FlowBodySyntax(ImmutableArray<ActionSyntax> Actions, TextSpan Span) : SyntaxNode(Span);
