using CallFlow.Compiler.Symbols;

namespace CallFlow.Compiler.Lowering;

/// <summary>Actions that only lowering creates; they never appear in source.</summary>
internal static class LoweredActions
{
    /// <summary>An unconditional jump to the action its Next result leads to.</summary>
    public static ActionDefinition Jump { get; } =
        new("jump", "(lowered jump)", ActionGroup.Basic, "continues at its Next target", [], ["Next"], [], ActionTraits.None);
}
