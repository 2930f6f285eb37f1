using System.Collections.Frozen;
using System.Collections.Immutable;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// A verified root.vmp with the lookups the machine needs precomputed once: flows by address, each record's
/// settings by name, and where each action's instructions start. Immutable and shared by every call.
/// </summary>
public sealed class LoadedProgram
{
    private readonly FrozenDictionary<string, int>[] _recordSettings;
    private readonly int[] _actionStart;

    /// <summary>Verifies <paramref name="bytes"/> (throws <see cref="VmpLoadException"/>) and prepares it to run.</summary>
    public static LoadedProgram Load(ReadOnlySpan<byte> bytes) => new(VmpReader.Read(bytes));

    /// <summary>Prepares an already verified program.</summary>
    public LoadedProgram(VmpProgram program)
    {
        Program = program;
        FlowsByName = program.Flows.Select((f, i) => (Name: program.Strings[f.Name], i))
            .ToFrozenDictionary(f => f.Name, f => f.i, StringComparer.Ordinal);
        _recordSettings = [.. program.Records.Select(r => r.Select((s, i) => (Name: program.Strings[s.Name], i))
            .ToFrozenDictionary(s => s.Name, s => s.i, StringComparer.Ordinal))];
        // Play and CheckPin always come right before the instruction of the action they belong to.
        _actionStart = new int[program.Code.Length];
        for (var pc = 0; pc < program.Code.Length; pc++)
        {
            var start = pc;
            while (start > 0 && program.Code[start - 1].OpCode is OpCode.Play or OpCode.CheckPin)
                start--;
            _actionStart[pc] = start;
        }
    }

    /// <summary>The program as loaded.</summary>
    public VmpProgram Program { get; }

    /// <summary>Flow index by name: start point address ("Default.Leave") or module name.</summary>
    public FrozenDictionary<string, int> FlowsByName { get; }

    internal int ActionStart(int pc) => _actionStart[pc];

    /// <summary>The values of a setting of a record, or an empty array when the action does not set it.</summary>
    internal ReadOnlySpan<VmpValue> Setting(int record, string name)
    {
        if (!_recordSettings[record].TryGetValue(name, out var index))
            return [];
        var setting = Program.Records[record][index];
        return Program.Values.AsSpan().Slice(setting.FirstValue, setting.ValueCount);
    }

    internal ImmutableArray<VmpResult> Results(int table) => Program.Results[table];
}
