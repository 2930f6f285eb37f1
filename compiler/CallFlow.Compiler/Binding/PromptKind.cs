using System.Collections.Immutable;
using CallFlow.Compiler.Symbols;
using CallFlow.Compiler.Text;

namespace CallFlow.Compiler.Binding;

public enum PromptKind
{
    File,
    System,
    Speech,
    Digits,
    Recording,
}
