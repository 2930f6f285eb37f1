using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Tests.Vmp;

/// <summary>The loader refuses every damaged or hostile file with a VF5xxx error, and never throws anything else.</summary>
public sealed class VmpReaderTests
{
    private static readonly byte[] Sample = Programs.SampleBytes();

    private static VmpLoadError Refuse(byte[] bytes)
    {
        var exception = Assert.Throws<VmpLoadException>(() => VmpReader.Read(bytes));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        Assert.InRange(exception.Offset, 0, Math.Max(0, bytes.Length));
        return exception.Error;
    }

    /// <summary>Loads or refuses cleanly; anything else (an IndexOutOfRange, an OutOfMemory) fails the test.</summary>
    private static void LoadOrRefuse(byte[] bytes)
    {
        try
        {
            VmpReader.Read(bytes);
        }
        catch (VmpLoadException)
        {
        }
    }

    private static byte[] Rehash(byte[] bytes)
    {
        SHA256.HashData(bytes.AsSpan(VmpFormat.HeaderSize), bytes.AsSpan(8, 32));
        return bytes;
    }

    private static byte[] Write(VmpProgram program) => VmpWriter.Write(program);

    [Fact]
    public void The_sample_loads()
    {
        var program = VmpReader.Read(Sample);
        Assert.NotEmpty(program.Flows);
    }

    [Fact]
    public void Flipping_any_byte_or_bit_is_refused()
    {
        // The checksum covers everything after the header; the header's own fields are checked one by one.
        for (var i = 0; i < Sample.Length; i++)
        {
            foreach (var mask in (byte[])[0xFF, 0x01, 0x80, (byte)(1 << (i % 8))])
            {
                var copy = (byte[])Sample.Clone();
                copy[i] ^= mask;
                Refuse(copy);
            }
        }
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        for (var length = 0; length < Sample.Length; length += 7)
            Refuse(Sample[..length]);
    }

    [Fact]
    public void Byte_changes_behind_a_valid_checksum_load_or_are_refused_cleanly()
    {
        // The hostile case: someone changes the content and recomputes the checksum. Every index, count and
        // target must still be checked.
        // CALLFLOW_LONG_FUZZ=1 runs the long target (100,000 files); the normal run takes a quick 3,000.
        var cases = Environment.GetEnvironmentVariable("CALLFLOW_LONG_FUZZ") == "1" ? 100_000 : 3_000;
        var random = new Random(20261123);
        for (var i = 0; i < cases; i++)
        {
            var copy = (byte[])Sample.Clone();
            var changes = 1 + random.Next(4);
            for (var c = 0; c < changes; c++)
                copy[VmpFormat.HeaderSize + random.Next(copy.Length - VmpFormat.HeaderSize)] = (byte)random.Next(256);
            LoadOrRefuse(Rehash(copy));
        }
    }

    [Fact]
    public void Random_bytes_are_refused()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 4)
                "CFVM"u8.CopyTo(bytes);
            Refuse(bytes);
        }
    }

    [Fact]
    public void Each_header_problem_has_its_own_code()
    {
        Assert.Equal(VmpLoadError.NotAVmpFile, Refuse("start default leave { }"u8.ToArray()));
        Assert.Equal(VmpLoadError.NotAVmpFile, Refuse([]));

        var newer = (byte[])Sample.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(newer.AsSpan(4), VmpFormat.Current + 1);
        Assert.Equal(VmpLoadError.BuiltByNewerVmc, Refuse(newer));

        var older = (byte[])Sample.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(older.AsSpan(4), VmpFormat.MinimumCompatible - 1);
        Assert.Equal(VmpLoadError.BuiltByOlderVmc, Refuse(older));

        Assert.Equal(VmpLoadError.Truncated, Refuse([.. Sample, 0]));
        Assert.Equal(VmpLoadError.Truncated, Refuse(Sample[..^1]));

        var damaged = (byte[])Sample.Clone();
        damaged[^1] ^= 0x40;
        Assert.Equal(VmpLoadError.ChecksumMismatch, Refuse(damaged));
    }

    [Fact]
    public void A_bad_section_table_is_refused()
    {
        var swapped = (byte[])Sample.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(swapped.AsSpan(VmpFormat.HeaderSize), (uint)SectionKind.Code);
        Assert.Equal(VmpLoadError.BadSectionTable, Refuse(Rehash(swapped)));
    }

    [Fact]
    public void A_hostile_count_is_refused_before_anything_is_allocated()
    {
        var copy = (byte[])Sample.Clone();
        var stringsOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(VmpFormat.HeaderSize + 4));
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(stringsOffset), int.MaxValue);
        Assert.Equal(VmpLoadError.MalformedSection, Refuse(Rehash(copy)));
    }

    [Fact]
    public void Bad_indices_targets_opcodes_and_conditions_are_refused()
    {
        var program = Programs.SampleProgram();
        Assert.Equal(VmpLoadError.BadReference, Refuse(Write(program with
        {
            Prompts = program.Prompts.SetItem(0, program.Prompts[0] with { Text = program.Strings.Length }),
        })));
        Assert.Equal(VmpLoadError.BadJumpTarget, Refuse(Write(program with
        {
            Results = program.Results.SetItem(0, program.Results[0].SetItem(0, program.Results[0][0] with { Target = program.Code.Length })),
        })));
        Assert.Equal(VmpLoadError.BadJumpTarget, Refuse(Write(program with
        {
            Flows = program.Flows.SetItem(0, program.Flows[0] with { Entry = -5 }),
        })));
        Assert.Equal(VmpLoadError.UnknownOpcode, Refuse(Write(program with
        {
            Code = program.Code.SetItem(0, new Node(0xEE, 0, 0, 0, 0)),
        })));
        Assert.Equal(VmpLoadError.BadCondition, Refuse(Write(program with
        {
            ConditionNodes = program.ConditionNodes.SetItem(program.Conditions[0].FirstNode, new Node((ushort)ConditionOp.And, 0, 0, 0, 0)),
        })));
    }

    [Fact]
    public void Conditions_that_refer_to_each_other_in_a_cycle_are_refused()
    {
        var program = Programs.SampleProgram();
        ImmutableArray<Node> nodes = [new Node((ushort)ConditionOp.Reference, 0, 1, 0, 0), new Node((ushort)ConditionOp.Reference, 0, 0, 0, 0)];
        var cyclic = program with
        {
            Conditions = [new VmpCondition(0, 0, 1), new VmpCondition(0, 1, 1)],
            ConditionNodes = nodes,
            Code = [.. program.Code.Select(n => n.OpCode == OpCode.Test ? n with { A = 0 } : n)],
        };
        Assert.Equal(VmpLoadError.BadCondition, Refuse(Write(cyclic)));
    }
}
