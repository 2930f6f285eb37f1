using System.Collections.Immutable;

namespace CallFlow.Vmp;

/// <summary>A prompt: its kind and a string (file path, system prompt name, text, digits or "$").</summary>
public readonly record struct VmpPrompt(VmpPromptKind Kind, int Text);

/// <summary>A typed constant; see <see cref="VmpValueKind"/> for the payload.</summary>
public readonly record struct VmpValue(VmpValueKind Kind, long Payload);

/// <summary>One setting of an action: its name and its values (several for prompt lists).</summary>
public readonly record struct VmpSetting(int Name, int FirstValue, int ValueCount);

/// <summary>A result and the pc it leads to; -1 when nothing is connected (the call ends, or returns to the queue).</summary>
public readonly record struct VmpResult(int Name, int Target);

/// <summary>A start point (Name is its address, e.g. "Default.Leave") or a module.</summary>
public readonly record struct VmpFlow(VmpFlowKind Kind, VmpFlowFlags Flags, int Name, int Display, int Entry);

/// <summary>A named condition: a run of postfix nodes.</summary>
public readonly record struct VmpCondition(int Name, int FirstNode, int NodeCount);

public readonly record struct VmpUserVariable(int Name, int InitialValue);

/// <summary>Where an instruction came from: file, 1-based line and column, and the action's label (string 0 = none).</summary>
public readonly record struct VmpDebugEntry(int File, int Line, int Column, int Label);

/// <summary>
/// The whole of a root.vmp, immutable: what the compiler emits and what the loader returns after verifying
/// every index and target. Shared by all calls.
/// </summary>
public sealed record VmpProgram(
    ushort Version,
    ImmutableArray<string> Strings,
    ImmutableArray<VmpPrompt> Prompts,
    ImmutableArray<VmpValue> Values,
    ImmutableArray<ImmutableArray<VmpSetting>> Records,
    ImmutableArray<ImmutableArray<VmpResult>> Results,
    ImmutableArray<VmpFlow> Flows,
    ImmutableArray<Node> Code,
    ImmutableArray<VmpCondition> Conditions,
    ImmutableArray<Node> ConditionNodes,
    ImmutableArray<VmpUserVariable> UserVariables,
    ImmutableArray<VmpDebugEntry> Debug);
