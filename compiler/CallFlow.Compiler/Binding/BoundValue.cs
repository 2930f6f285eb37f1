using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

/// <summary>A checked setting value. Strings keep the call variables they mention for later stages.</summary>
public abstract record BoundValue(SourceLocation Location);
