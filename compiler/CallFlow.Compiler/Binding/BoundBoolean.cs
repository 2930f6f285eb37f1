using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public sealed record BoundBoolean(bool Value, SourceLocation Location) : BoundValue(Location);
