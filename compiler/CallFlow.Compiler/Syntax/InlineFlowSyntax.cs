using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>An inline block of actions after <c>on Result</c> or <c>key N</c>.</summary>
public sealed record InlineFlowSyntax(FlowBodySyntax Body, TextSpan Span) : BranchSyntax(Span);
