using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public sealed record BoundUserVariable(string Name, string InitialValue, SourceLocation Location);
