using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace CallFlow.Vmp;

/// <summary>
/// Loads root.vmp bytes and verifies everything before any call can run on them: magic, version, length,
/// checksum, section table, every count against the bytes that remain (so a hostile count cannot make it
/// allocate without bound), every string, prompt, value, record, result, flow and condition index, every jump
/// target, and that conditions are well-formed and acyclic. A bad file gets a <see cref="VmpLoadException"/>
/// naming what is wrong and where; nothing else is thrown.
/// </summary>
public static class VmpReader
{
    public static VmpProgram Read(ReadOnlySpan<byte> file)
    {
        if (file.Length > VmpFormat.MaxFileSize)
            throw Fail(VmpLoadError.Truncated, $"the file is {file.Length} bytes; root.vmp files are limited to {VmpFormat.MaxFileSize} bytes", 0);
        if (file.Length < VmpFormat.HeaderSize || !file[..4].SequenceEqual(VmpFormat.Magic))
            throw Fail(VmpLoadError.NotAVmpFile, "this is not a root.vmp file (it does not start with \"CFVM\")", 0);

        var version = BinaryPrimitives.ReadUInt16LittleEndian(file[4..]);
        if (version > VmpFormat.Current)
            throw Fail(VmpLoadError.BuiltByNewerVmc, $"root.vmp format {version} was built by a newer vmc; this one reads formats {VmpFormat.MinimumCompatible} to {VmpFormat.Current}", 4);
        if (version < VmpFormat.MinimumCompatible)
            throw Fail(VmpLoadError.BuiltByOlderVmc, $"root.vmp format {version} is too old for this vmc (it reads {VmpFormat.MinimumCompatible} to {VmpFormat.Current}); recompile it with vmc compile", 4);

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(file[6..]);
        if (flags != 0)
            throw Fail(VmpLoadError.BuiltByNewerVmc, $"the header sets flags 0x{flags:X4}, which this vmc does not know; the file was built by a newer vmc", 6);

        var declaredLength = BinaryPrimitives.ReadUInt32LittleEndian(file[44..]);
        if (declaredLength != file.Length)
            throw Fail(VmpLoadError.Truncated, $"the header says the file has {declaredLength} bytes, but it has {file.Length}: it was cut short or appended to", 44);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(file[VmpFormat.HeaderSize..], hash);
        if (!hash.SequenceEqual(file[8..40]))
            throw Fail(VmpLoadError.ChecksumMismatch, "the checksum does not match the content: the file is damaged", 8);

        var sections = ReadSectionTable(file);
        var strings = ReadStrings(file, sections[SectionKind.Strings]);
        var prompts = ReadPrompts(file, sections[SectionKind.Prompts], strings.Length);
        var values = ReadValues(file, sections[SectionKind.Values], strings.Length, prompts.Length);
        var records = ReadRecords(file, sections[SectionKind.Records], strings.Length, values.Length);

        var codeSection = sections[SectionKind.Code];
        var code = ReadNodes(new Cursor(file, codeSection), out var codeCursor);
        codeCursor.ExpectEnd("Code");

        var results = ReadResults(file, sections[SectionKind.Results], strings.Length, code.Length);
        var flows = ReadFlows(file, sections[SectionKind.Flows], strings.Length, code.Length);
        var (conditions, conditionNodes) = ReadConditions(file, sections[SectionKind.Conditions], strings.Length, values);
        var userVariables = ReadUserVariables(file, sections[SectionKind.UserVariables], strings.Length);
        var debug = ReadDebug(file, sections[SectionKind.Debug], strings.Length, code.Length);

        VerifyCode(code, codeSection.Offset, strings.Length, prompts.Length, values.Length, records.Length, results.Length, flows.Length, conditions.Length);
        return new VmpProgram(version, strings, prompts, values, records, results, flows, code, conditions, conditionNodes, userVariables, debug);
    }

    private readonly record struct SectionSpan(int Offset, int Length);

    private static Dictionary<SectionKind, SectionSpan> ReadSectionTable(ReadOnlySpan<byte> file)
    {
        var count = BinaryPrimitives.ReadUInt32LittleEndian(file[40..]);
        var expected = Enum.GetValues<SectionKind>();
        if (count != expected.Length)
            throw Fail(VmpLoadError.BadSectionTable, $"the file has {count} sections; format {VmpFormat.Current} has {expected.Length}", 40);
        var tableEnd = VmpFormat.HeaderSize + expected.Length * VmpFormat.SectionEntrySize;
        if (tableEnd > file.Length)
            throw Fail(VmpLoadError.Truncated, "the section table runs past the end of the file", VmpFormat.HeaderSize);

        var sections = new Dictionary<SectionKind, SectionSpan>();
        long previousEnd = tableEnd;
        for (var i = 0; i < expected.Length; i++)
        {
            var at = VmpFormat.HeaderSize + i * VmpFormat.SectionEntrySize;
            var kind = BinaryPrimitives.ReadUInt32LittleEndian(file[at..]);
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 4)..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 8)..]);
            if (kind != (uint)expected[i])
                throw Fail(VmpLoadError.BadSectionTable, $"section {i} is of kind {kind}; expected {expected[i]} ({(uint)expected[i]})", at);
            if (offset != previousEnd || (long)offset + length > file.Length)
                throw Fail(VmpLoadError.BadSectionTable, $"section {expected[i]} at offset {offset} with {length} bytes does not follow the previous section inside the file", at);
            sections[expected[i]] = new SectionSpan((int)offset, (int)length);
            previousEnd = (long)offset + length;
        }
        if (previousEnd != file.Length)
            throw Fail(VmpLoadError.BadSectionTable, $"{file.Length - previousEnd} bytes after the last section belong to no section", previousEnd);
        return sections;
    }

    private static ImmutableArray<string> ReadStrings(ReadOnlySpan<byte> file, SectionSpan section)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(4, "Strings");
        var strings = ImmutableArray.CreateBuilder<string>(count);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var i = 0; i < count; i++)
        {
            var length = cursor.Count(1, "Strings");
            var at = cursor.Position;
            try
            {
                strings.Add(decoder.GetString(cursor.Bytes(length)));
            }
            catch (DecoderFallbackException)
            {
                throw Fail(VmpLoadError.MalformedSection, $"string {i} is not valid UTF-8", at);
            }
        }
        cursor.ExpectEnd("Strings");
        return strings.MoveToImmutable();
    }

    private static ImmutableArray<VmpPrompt> ReadPrompts(ReadOnlySpan<byte> file, SectionSpan section, int stringCount)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(8, "Prompts");
        var prompts = ImmutableArray.CreateBuilder<VmpPrompt>(count);
        for (var i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var kind = (VmpPromptKind)cursor.Byte();
            cursor.Skip(3);
            var text = cursor.Int();
            if (!Enum.IsDefined(kind))
                throw Fail(VmpLoadError.MalformedSection, $"prompt {i} has unknown kind {(byte)kind}", at);
            CheckIndex(text, stringCount, "string", at, "prompt {0}'s text", i);
            prompts.Add(new VmpPrompt(kind, text));
        }
        cursor.ExpectEnd("Prompts");
        return prompts.MoveToImmutable();
    }

    private static ImmutableArray<VmpValue> ReadValues(ReadOnlySpan<byte> file, SectionSpan section, int stringCount, int promptCount)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(12, "Values");
        var values = ImmutableArray.CreateBuilder<VmpValue>(count);
        for (var i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var kind = (VmpValueKind)cursor.Byte();
            cursor.Skip(3);
            var payload = cursor.Long();
            switch (kind)
            {
                case VmpValueKind.Text or VmpValueKind.Name or VmpValueKind.Variable or VmpValueKind.Mailbox:
                    CheckIndex(payload, stringCount, "string", at, "value {0}", i);
                    break;
                case VmpValueKind.Prompt:
                    CheckIndex(payload, promptCount, "prompt", at, "value {0}", i);
                    break;
                case VmpValueKind.Boolean when payload is not (0 or 1):
                case VmpValueKind.TimeOfDay when payload is < 0 or >= 1440:
                case VmpValueKind.Duration when payload < 0:
                    throw Fail(VmpLoadError.MalformedSection, $"value {i} ({kind}) holds {payload}, which is out of range", at);
                case VmpValueKind.WeekPeriod:
                    var days = payload >> 32;
                    var start = (payload >> 16) & 0xFFFF;
                    var end = payload & 0xFFFF;
                    if (days is <= 0 or > 0x7F || start >= end || end > 1440)
                        throw Fail(VmpLoadError.MalformedSection, $"value {i} is not a valid week period", at);
                    break;
                case VmpValueKind.DateRange:
                    var from = payload >> 32;
                    var to = payload & 0xFFFFFFFF;
                    if (from < 0 || from > to || to > DateOnly.MaxValue.DayNumber)
                        throw Fail(VmpLoadError.MalformedSection, $"value {i} is not a valid date range", at);
                    break;
                case VmpValueKind.Integer or VmpValueKind.Boolean or VmpValueKind.TimeOfDay or VmpValueKind.Duration or VmpValueKind.CallerMailbox:
                    break;
                default:
                    throw Fail(VmpLoadError.MalformedSection, $"value {i} has unknown kind {(byte)kind}", at);
            }
            values.Add(new VmpValue(kind, payload));
        }
        cursor.ExpectEnd("Values");
        return values.MoveToImmutable();
    }

    private static ImmutableArray<ImmutableArray<VmpSetting>> ReadRecords(ReadOnlySpan<byte> file, SectionSpan section, int stringCount, int valueCount)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(4, "Records");
        var records = ImmutableArray.CreateBuilder<ImmutableArray<VmpSetting>>(count);
        for (var i = 0; i < count; i++)
        {
            var settingCount = cursor.Count(12, "Records");
            var settings = ImmutableArray.CreateBuilder<VmpSetting>(settingCount);
            for (var j = 0; j < settingCount; j++)
            {
                var at = cursor.Position;
                var setting = new VmpSetting(cursor.Int(), cursor.Int(), cursor.Int());
                CheckIndex(setting.Name, stringCount, "string", at, "record {0} setting {1}'s name", i, j);
                if (setting.ValueCount < 0 || setting.FirstValue < 0 || (long)setting.FirstValue + setting.ValueCount > valueCount)
                    throw Fail(VmpLoadError.BadReference, $"record {i} setting {j} names values {setting.FirstValue}..{(long)setting.FirstValue + setting.ValueCount - 1}, but there are {valueCount}", at);
                settings.Add(setting);
            }
            records.Add(settings.MoveToImmutable());
        }
        cursor.ExpectEnd("Records");
        return records.MoveToImmutable();
    }

    private static ImmutableArray<ImmutableArray<VmpResult>> ReadResults(ReadOnlySpan<byte> file, SectionSpan section, int stringCount, int codeLength)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(4, "Results");
        var tables = ImmutableArray.CreateBuilder<ImmutableArray<VmpResult>>(count);
        for (var i = 0; i < count; i++)
        {
            var resultCount = cursor.Count(8, "Results");
            var results = ImmutableArray.CreateBuilder<VmpResult>(resultCount);
            for (var j = 0; j < resultCount; j++)
            {
                var at = cursor.Position;
                var result = new VmpResult(cursor.Int(), cursor.Int());
                CheckIndex(result.Name, stringCount, "string", at, "result table {0} entry {1}'s name", i, j);
                if (result.Target < -1 || result.Target >= codeLength)
                    throw Fail(VmpLoadError.BadJumpTarget, $"result table {i} entry {j} jumps to {result.Target}, outside the {codeLength} instructions", at);
                results.Add(result);
            }
            tables.Add(results.MoveToImmutable());
        }
        cursor.ExpectEnd("Results");
        return tables.MoveToImmutable();
    }

    private static ImmutableArray<VmpFlow> ReadFlows(ReadOnlySpan<byte> file, SectionSpan section, int stringCount, int codeLength)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(16, "Flows");
        var flows = ImmutableArray.CreateBuilder<VmpFlow>(count);
        for (var i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var kind = (VmpFlowKind)cursor.Byte();
            var flags = (VmpFlowFlags)cursor.Byte();
            cursor.Skip(2);
            var flow = new VmpFlow(kind, flags, cursor.Int(), cursor.Int(), cursor.Int());
            if (!Enum.IsDefined(kind) || (flags & ~(VmpFlowFlags.Queue | VmpFlowFlags.Direct)) != 0)
                throw Fail(VmpLoadError.MalformedSection, $"flow {i} has unknown kind {(byte)kind} or flags {(byte)flags}", at);
            CheckIndex(flow.Name, stringCount, "string", at, "flow {0}'s name", i);
            CheckIndex(flow.Display, stringCount, "string", at, "flow {0}'s display name", i);
            if (flow.Entry < 0 || flow.Entry >= codeLength)
                throw Fail(VmpLoadError.BadJumpTarget, $"flow {i} starts at {flow.Entry}, outside the {codeLength} instructions", at);
            flows.Add(flow);
        }
        cursor.ExpectEnd("Flows");
        return flows.MoveToImmutable();
    }

    private static (ImmutableArray<VmpCondition>, ImmutableArray<Node>) ReadConditions(ReadOnlySpan<byte> file, SectionSpan section, int stringCount,
        ImmutableArray<VmpValue> values)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(12, "Conditions");
        var conditions = ImmutableArray.CreateBuilder<VmpCondition>(count);
        var positions = new long[count];
        for (var i = 0; i < count; i++)
        {
            positions[i] = cursor.Position;
            var condition = new VmpCondition(cursor.Int(), cursor.Int(), cursor.Int());
            CheckIndex(condition.Name, stringCount, "string", positions[i], "condition {0}'s name", i);
            conditions.Add(condition);
        }
        var nodesAt = cursor.Position;
        var nodes = ReadNodes(cursor, out var end);
        end.ExpectEnd("Conditions");

        // Each condition is a postfix run that leaves exactly one result, and references form no cycle.
        var references = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            var condition = conditions[i];
            references[i] = [];
            if (condition.NodeCount <= 0 || condition.FirstNode < 0 || (long)condition.FirstNode + condition.NodeCount > nodes.Length)
                throw Fail(VmpLoadError.BadCondition, $"condition {i} names nodes outside the {nodes.Length} condition nodes", positions[i]);
            var depth = 0;
            for (var n = condition.FirstNode; n < condition.FirstNode + condition.NodeCount; n++)
            {
                var node = nodes[n];
                var at = nodesAt + 4 + (long)n * VmpFormat.NodeSize;
                switch ((ConditionOp)node.Op)
                {
                    case ConditionOp.True or ConditionOp.False:
                        depth++;
                        break;
                    case ConditionOp.Not when depth >= 1:
                        break;
                    case ConditionOp.And or ConditionOp.Or when depth >= 2:
                        depth--;
                        break;
                    case ConditionOp.Compare:
                        CheckIndex(node.A, values.Length, "value", at, "condition node {0}", n);
                        CheckIndex(node.B, values.Length, "value", at, "condition node {0}", n);
                        if (!Enum.IsDefined((CompareOperator)node.C))
                            throw Fail(VmpLoadError.BadCondition, $"condition node {n} has unknown comparison {node.C}", at);
                        depth++;
                        break;
                    case ConditionOp.Weekly or ConditionOp.Calendar:
                        var kind = (ConditionOp)node.Op == ConditionOp.Weekly ? VmpValueKind.WeekPeriod : VmpValueKind.DateRange;
                        if (node.B < 0 || node.A < 0 || (long)node.A + node.B > values.Length)
                            throw Fail(VmpLoadError.BadReference, $"condition node {n} names values outside the {values.Length} values", at);
                        for (var v = node.A; v < node.A + node.B; v++)
                        {
                            if (values[v].Kind != kind)
                                throw Fail(VmpLoadError.BadCondition, $"condition node {n} expects {kind} values, but value {v} is {values[v].Kind}", at);
                        }
                        depth++;
                        break;
                    case ConditionOp.Reference:
                        CheckIndex(node.A, count, "condition", at, "condition node {0}", n);
                        references[i].Add(node.A);
                        depth++;
                        break;
                    default:
                        throw Fail(VmpLoadError.BadCondition, $"condition node {n} ({node.Op}) is unknown or has too few operands", at);
                }
            }
            if (depth != 1)
                throw Fail(VmpLoadError.BadCondition, $"condition {i} leaves {depth} results instead of one", positions[i]);
        }
        CheckAcyclic(references, positions);
        return (conditions.MoveToImmutable(), nodes);
    }

    /// <summary>Conditions embedding one another in a cycle would make evaluation loop for ever.</summary>
    private static void CheckAcyclic(List<int>[] references, long[] positions)
    {
        var state = new byte[references.Length];
        for (var root = 0; root < references.Length; root++)
        {
            if (state[root] != 0)
                continue;
            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next >= references[node].Count)
                {
                    state[node] = 2;
                    continue;
                }
                stack.Push((node, next + 1));
                var target = references[node][next];
                if (state[target] == 1)
                    throw Fail(VmpLoadError.BadCondition, $"condition {target} refers to itself through condition {node}", positions[node]);
                if (state[target] == 0)
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }
    }

    private static ImmutableArray<VmpUserVariable> ReadUserVariables(ReadOnlySpan<byte> file, SectionSpan section, int stringCount)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(8, "UserVariables");
        var variables = ImmutableArray.CreateBuilder<VmpUserVariable>(count);
        for (var i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var variable = new VmpUserVariable(cursor.Int(), cursor.Int());
            CheckIndex(variable.Name, stringCount, "string", at, "user variable {0}'s name", i);
            CheckIndex(variable.InitialValue, stringCount, "string", at, "user variable {0}'s value", i);
            variables.Add(variable);
        }
        cursor.ExpectEnd("UserVariables");
        return variables.MoveToImmutable();
    }

    private static ImmutableArray<VmpDebugEntry> ReadDebug(ReadOnlySpan<byte> file, SectionSpan section, int stringCount, int codeLength)
    {
        var cursor = new Cursor(file, section);
        var count = cursor.Count(16, "Debug");
        if (count != 0 && count != codeLength)
            throw Fail(VmpLoadError.MalformedSection, $"the debug section has {count} entries for {codeLength} instructions", section.Offset);
        var entries = ImmutableArray.CreateBuilder<VmpDebugEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var entry = new VmpDebugEntry(cursor.Int(), cursor.Int(), cursor.Int(), cursor.Int());
            CheckIndex(entry.File, stringCount, "string", at, "debug entry {0}'s file", i);
            CheckIndex(entry.Label, stringCount, "string", at, "debug entry {0}'s label", i);
            if (entry.Line < 1 || entry.Column < 1)
                throw Fail(VmpLoadError.MalformedSection, $"debug entry {i} has line {entry.Line}, column {entry.Column}", at);
            entries.Add(entry);
        }
        cursor.ExpectEnd("Debug");
        return entries.MoveToImmutable();
    }

    private static ImmutableArray<Node> ReadNodes(Cursor cursor, out Cursor end)
    {
        var count = cursor.Count(VmpFormat.NodeSize, "nodes");
        var nodes = ImmutableArray.CreateBuilder<Node>(count);
        for (var i = 0; i < count; i++)
            nodes.Add(new Node(cursor.UShort(), cursor.UShort(), cursor.Int(), cursor.Int(), cursor.Int()));
        end = cursor;
        return nodes.MoveToImmutable();
    }

    private static void VerifyCode(ImmutableArray<Node> code, int sectionOffset, int strings, int prompts, int values, int records, int results, int flows, int conditions)
    {
        for (var pc = 0; pc < code.Length; pc++)
        {
            var node = code[pc];
            var at = sectionOffset + 4 + (long)pc * VmpFormat.NodeSize;
            switch (node.OpCode)
            {
                case OpCode.Jump:
                    if (node.A < 0 || node.A >= code.Length)
                        throw Fail(VmpLoadError.BadJumpTarget, $"instruction {pc:D4} jumps to {node.A}, outside the {code.Length} instructions", at);
                    break;
                case OpCode.Play:
                    if (node.A < 0 || node.B < 1 || (long)node.A + node.B > prompts)
                        throw Fail(VmpLoadError.BadReference, $"instruction {pc:D4} plays prompts {node.A}..{(long)node.A + node.B - 1}, but there are {prompts}", at);
                    break;
                case OpCode.CheckPin:
                    CheckIndex(node.A, values, "value", at, "instruction {0:D4}", pc);
                    break;
                case OpCode.Action:
                    CheckIndex(node.A, strings, "string", at, "instruction {0:D4}", pc);
                    CheckIndex(node.B, records, "record", at, "instruction {0:D4}", pc);
                    CheckIndex(node.C, results, "result table", at, "instruction {0:D4}", pc);
                    break;
                case OpCode.Test:
                    CheckIndex(node.A, conditions, "condition", at, "instruction {0:D4}", pc);
                    CheckIndex(node.C, results, "result table", at, "instruction {0:D4}", pc);
                    break;
                case OpCode.Call:
                    CheckIndex(node.A, flows, "flow", at, "instruction {0:D4}", pc);
                    CheckIndex(node.C, results, "result table", at, "instruction {0:D4}", pc);
                    break;
                case OpCode.Return:
                    CheckIndex(node.A, strings, "string", at, "instruction {0:D4}", pc);
                    break;
                case OpCode.Goto:
                    CheckIndex(node.A, flows, "flow", at, "instruction {0:D4}", pc);
                    break;
                case OpCode.StartOptions:
                    CheckIndex(node.A, records, "record", at, "instruction {0:D4}", pc);
                    if (pc + 1 >= code.Length)
                        throw Fail(VmpLoadError.BadJumpTarget, $"instruction {pc:D4} continues past the last instruction", at);
                    break;
                case OpCode.Home or OpCode.Disconnect:
                    break;
                default:
                    throw Fail(VmpLoadError.UnknownOpcode, $"instruction {pc:D4} has unknown opcode 0x{node.Op:X2}", at);
            }
            // Play and CheckPin continue at pc+1, so they may never be last.
            if (node.OpCode is OpCode.Play or OpCode.CheckPin && pc + 1 >= code.Length)
                throw Fail(VmpLoadError.BadJumpTarget, $"instruction {pc:D4} continues past the last instruction", at);
        }
    }

    /// <summary>The description is a format filled in only on failure: a load checks hundreds of thousands of
    /// indices, and building a message for each was most of its time and allocation.</summary>
    private static void CheckIndex(long index, int count, string table, long at, string what, int first = 0, int second = 0)
    {
        if (index < 0 || index >= count)
            throw Fail(VmpLoadError.BadReference,
                $"{string.Format(System.Globalization.CultureInfo.InvariantCulture, what, first, second)} refers to {table} {index}, but there are {count}", at);
    }

    private static VmpLoadException Fail(VmpLoadError error, string message, long offset) => new(error, message, offset);

    /// <summary>Reads inside one section; every read and every count is checked against the section's end.</summary>
    private ref struct Cursor
    {
        private readonly ReadOnlySpan<byte> _file;
        private readonly int _end;
        private int _position;

        public Cursor(ReadOnlySpan<byte> file, SectionSpan section)
        {
            _file = file;
            _position = section.Offset;
            _end = section.Offset + section.Length;
        }

        public readonly long Position => _position;

        /// <summary>A count of items at least <paramref name="minimumItemSize"/> bytes each, refused if the section cannot hold that many.</summary>
        public int Count(int minimumItemSize, string section)
        {
            var at = _position;
            var count = Int();
            if (count < 0 || (long)count * minimumItemSize > _end - _position)
                throw Fail(VmpLoadError.MalformedSection, $"the {section} section claims {count} items, more than its remaining {_end - _position} bytes can hold", at);
            return count;
        }

        public byte Byte() => Take(1)[0];
        public ushort UShort() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        public ReadOnlySpan<byte> Bytes(int length) => Take(length);
        public void Skip(int length) => Take(length);

        public readonly void ExpectEnd(string section)
        {
            if (_position != _end)
                throw Fail(VmpLoadError.MalformedSection, $"the {section} section has {_end - _position} bytes left over after its last item", _position);
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length < 0 || length > _end - _position)
                throw Fail(VmpLoadError.MalformedSection, "an item runs past the end of its section", _position);
            var slice = _file.Slice(_position, length);
            _position += length;
            return slice;
        }
    }
}
