using System.Collections.Immutable;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Syntax;

/// <summary>
/// <c>-> Name</c> (a label) or an inline terminal action: <c>-> disconnect</c>, <c>-> return Done</c>, <c>-> goto Reception</c>.
/// <see cref="Extra"/> spans what a target cannot have (a second argument, a settings block), kept only to report it.
/// </summary>
public sealed record TargetSyntax(SyntaxToken Name, ValueSyntax? Argument, TextSpan Span, TextSpan? Extra = null) : BranchSyntax(Span);
