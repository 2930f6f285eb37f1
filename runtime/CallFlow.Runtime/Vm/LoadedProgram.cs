using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// A verified root.vmp with the lookups the machine needs precomputed once: flows by address, each record's
/// settings by name, where each action's instructions start, each result table's names as the machine hands them
/// out (a request's results, a menu's keys, a test_variable's cases), and the prompts of every Play that names no
/// variable. Immutable and shared by every call, so running a call does not rebuild any of it.
/// </summary>
public sealed class LoadedProgram
{
    private readonly FrozenDictionary<string, int>[] _recordSettings;
    private readonly int[] _actionStart;
    private readonly ResultTable[] _tables;
    private readonly ImmutableArray<PlayPrompt>[] _fixedPrompts;

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
        _tables = [.. program.Results.Select(table => new ResultTable([.. table.Select(r => program.Strings[r.Name])]))];
        // A Play whose prompts name no variable gives the same prompts to every call: built once here.
        _fixedPrompts = new ImmutableArray<PlayPrompt>[program.Code.Length];
        for (var pc = 0; pc < program.Code.Length; pc++)
        {
            var node = program.Code[pc];
            if (node.OpCode != OpCode.Play)
                continue;
            var prompts = program.Prompts.AsSpan().Slice(node.A, node.B);
            var isFixed = true;
            foreach (var prompt in prompts)
                isFixed &= IsFixed(prompt);
            if (!isFixed)
                continue;
            var built = new PlayPrompt[prompts.Length];
            for (var i = 0; i < prompts.Length; i++)
                built[i] = new PlayPrompt(prompts[i].Kind, program.Strings[prompts[i].Text]);
            _fixedPrompts[pc] = ImmutableCollectionsMarshal.AsImmutableArray(built);
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

    /// <summary>What the machine reads off result table <paramref name="table"/>, computed at load.</summary>
    internal ResultTable Table(int table) => _tables[table];

    /// <summary>The prompts of the Play at <paramref name="pc"/> when none of them names a variable (the same for every
    /// call); default when they must be built per call.</summary>
    internal ImmutableArray<PlayPrompt> FixedPrompts(int pc) => _fixedPrompts[pc];

    /// <summary>Whether a prompt reads the same for every call: a system prompt or the last recording by name, or a
    /// text with no '$' (which <see cref="Evaluation.CallVariables.Expand"/> returns as it is).</summary>
    private bool IsFixed(VmpPrompt prompt) =>
        prompt.Kind is VmpPromptKind.System or VmpPromptKind.Recording || !Program.Strings[prompt.Text].Contains('$');
}

/// <summary>
/// A result table as the machine uses it, computed once per table at load: every result name (a request's results),
/// and the same names read as a menu (its keys without Timeout and Invalid, the most digits an entry may have,
/// whether '$' and 'F' are keys) and as a test_variable (its cases without NoMatch and Timeout, whether one asks the
/// host's directory).
/// </summary>
internal sealed class ResultTable
{
    public ResultTable(ImmutableArray<string> names)
    {
        Names = names;
        MenuKeys = Without(names, "Timeout", "Invalid");
        MenuHasAny = MenuKeys.Contains("$");
        MenuHasFax = MenuKeys.Contains("F");
        var longest = 1;
        foreach (var key in MenuKeys)
        {
            if (key != "F")
                longest = Math.Max(longest, key.Length);
        }
        MenuMaxDigits = MenuHasAny ? 32 : longest;
        Cases = Without(names, "NoMatch", "Timeout");
        foreach (var test in Cases)
            CasesNeedDirectory |= test is "extension" or "hunt_group" or "mailbox";
    }

    /// <summary>Every result, in the table's order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The results a key can take ("1", "4??", "#", "$", "F"), in order: shared by every CollectDigitsEffect of the menu.</summary>
    public ImmutableArray<string> MenuKeys { get; }

    /// <summary>32 when '$' is a key, else the longest key ('F' left out), at least 1.</summary>
    public int MenuMaxDigits { get; }

    public bool MenuHasAny { get; }

    public bool MenuHasFax { get; }

    /// <summary>A test_variable's cases, top-down.</summary>
    public ImmutableArray<string> Cases { get; }

    /// <summary>Whether a case is "extension", "hunt_group" or "mailbox", which only the host's directory can decide.</summary>
    public bool CasesNeedDirectory { get; }

    private static ImmutableArray<string> Without(ImmutableArray<string> names, string first, string second) =>
        names.Contains(first) || names.Contains(second) ? [.. names.Where(n => n != first && n != second)] : names;
}
