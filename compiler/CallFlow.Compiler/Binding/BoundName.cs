using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A resolved name: an enum value, module, condition, user variable, language, exit or weekday.</summary>
public sealed record BoundName(string Name, SourceLocation Location) : BoundValue(Location);
