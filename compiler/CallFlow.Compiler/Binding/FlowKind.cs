using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public enum FlowKind
{
    StartPoint,
    Module,
}
