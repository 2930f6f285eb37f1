using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Vmp;

namespace CallFlow.Bench;

/// <summary>One generated input compiled to root.vmp, with the counts the size figures divide by.</summary>
/// <param name="Actions">The bound program's actions, <c>Program.Flows.Sum(f =&gt; f.Actions.Length)</c> (before lowering).</param>
/// <param name="Instructions">The emitted program's instructions, <c>EmitProgram().Code.Length</c> (after lowering).</param>
internal sealed record VmpFile(Input Input, byte[] Bytes, int Actions, int Instructions)
{
    public static VmpFile Compile(Input input)
    {
        var compilation = Compilation.Create([new SourceText($"bench-{input.Size}.vflow", input.Text)]);
        if (!compilation.Diagnostics.IsEmpty)
            throw new InvalidOperationException($"the generated {input.Size} input has {compilation.Diagnostics.Length} diagnostics");
        var program = compilation.EmitProgram() ?? throw new InvalidOperationException($"EmitProgram() returned null for the {input.Size} input");
        var bytes = compilation.Emit() ?? throw new InvalidOperationException($"Emit() returned null for the {input.Size} input");
        return new VmpFile(input, bytes, compilation.Program.Flows.Sum(f => f.Actions.Length), program.Code.Length);
    }

    /// <summary>The section table of the file: each section's kind and length (header and table excluded).</summary>
    public IEnumerable<(string Name, int Bytes)> Sections()
    {
        yield return ("header + section table", VmpFormat.HeaderSize + Enum.GetValues<SectionKind>().Length * VmpFormat.SectionEntrySize);
        var count = BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(40));
        for (var i = 0; i < count; i++)
        {
            var at = VmpFormat.HeaderSize + i * VmpFormat.SectionEntrySize;
            var kind = (SectionKind)BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(at));
            yield return (kind.ToString(), BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(at + 8)));
        }
    }
}

/// <summary>Outcome counts of a loader fuzz run: loads, refusals by VF5xxx code, and the time spent inside VmpReader.Read.</summary>
internal sealed class FuzzTally(string name)
{
    public string Name { get; } = name;
    public int Cases { get; private set; }
    public int Loaded { get; private set; }
    public SortedDictionary<string, int> Refused { get; } = new(StringComparer.Ordinal);
    public long LoaderTicks { get; private set; }
    public double WallMs { get; set; }
    public double LoaderMs => Harness.TicksToMs(LoaderTicks);

    /// <summary>Loads or refuses one file; any exception other than <see cref="VmpLoadException"/> fails the benchmark.</summary>
    public void Run(byte[] file, string describe)
    {
        Cases++;
        var start = Stopwatch.GetTimestamp();
        try
        {
            VmpReader.Read(file);
            LoaderTicks += Stopwatch.GetTimestamp() - start;
            Loaded++;
        }
        catch (VmpLoadException e)
        {
            LoaderTicks += Stopwatch.GetTimestamp() - start;
            Refused[e.Code] = Refused.GetValueOrDefault(e.Code) + 1;
        }
        catch (Exception e)
        {
            var path = Path.Combine(Path.GetTempPath(), $"callflow-bench-fuzz-{Environment.ProcessId}-{Cases}.vmp");
            File.WriteAllBytes(path, file);
            throw new InvalidOperationException(
                $"loader fuzz, {Name} case {Cases} ({describe}): VmpReader.Read threw {e.GetType().FullName} instead of loading or throwing VmpLoadException: {e.Message}; the file is saved as {path}",
                e);
        }
    }
}

/// <summary>
/// The root.vmp measurements: the file for about 10,000 actions, the cold load and disassembly child processes, and
/// the loader fuzz run. Runner drives the measured calls; this holds what is specific to root.vmp.
/// </summary>
internal static class VmpBench
{
    public const int TargetActions = 10_000;
    public const int FuzzSeed = 20261124;

    /// <summary>
    /// The generated input whose bound program has about <see cref="TargetActions"/> actions (within 1%): the line
    /// target scaled by actions per line from a 10k-line input, corrected up to three times. Deterministic.
    /// </summary>
    public static VmpFile MakeTenThousandActions()
    {
        var lines = 10_000;
        var file = VmpFile.Compile(Harness.MakeInput("10k actions", lines));
        for (var step = 0; step < 3 && Math.Abs(file.Actions - TargetActions) > TargetActions / 100; step++)
        {
            lines = (int)Math.Round((double)lines * TargetActions / file.Actions);
            file = VmpFile.Compile(Harness.MakeInput("10k actions", lines));
        }
        return file;
    }

    /// <summary>
    /// Warm compile, timed in two parts inside each call: <c>Compilation.Create</c> (the full check, lowering
    /// included) and <c>Emit()</c> (ProgramEmitter + VmpWriter), so the emit share does not depend on comparing two
    /// separately measured medians. Same method as <see cref="Harness.Warm{T}"/>: warm-up calls, a full collection
    /// before each measured call, medians (of the total, of each part, and of the GC pause inside Emit()).
    /// </summary>
    public static (Sample Total, double CreateMs, double EmitMs, double EmitPauseMs) WarmCompile(string text, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
            Workloads.CompileToBytes(text);
        var totals = new List<double>();
        var creates = new List<double>();
        var emits = new List<double>();
        var pauses = new List<double>();
        var allocated = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            Harness.Settle();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var compilation = Compilation.Create([new SourceText("bench.vflow", text)]);
            var created = Stopwatch.GetTimestamp();
            var pause = GC.GetTotalPauseDuration();
            var bytes = compilation.Emit() ?? throw new InvalidOperationException("Compilation.Emit() returned null on a generated input");
            var end = Stopwatch.GetTimestamp();
            pauses.Add((GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            totals.Add(Harness.TicksToMs(end - start));
            creates.Add(Harness.TicksToMs(created - start));
            emits.Add(Harness.TicksToMs(end - created));
            GC.KeepAlive(bytes);
        }
        return (new Sample(Harness.Median(totals), (long)Harness.Median(allocated)), Harness.Median(creates), Harness.Median(emits), Harness.Median(pauses));
    }

    /// <summary>
    /// Cold load or disassembly: the parent writes the file, a fresh process (<c>--cold-vmp path load|disasm</c>)
    /// reads it (untimed) and times its first <c>VmpReader.Read</c> (or, after an untimed load, its first
    /// <c>Disassembler.Disassemble</c>): JIT of the reader included, process start-up and file I/O not. The child
    /// also times a second call, so the one-time share (JIT, type loading, crypto start-up) shows.
    /// </summary>
    public static (Sample First, double SecondMs) Cold(byte[] file, string what)
    {
        var path = Path.Combine(Path.GetTempPath(), $"callflow-bench-{Environment.ProcessId}.vmp");
        File.WriteAllBytes(path, file);
        try
        {
            var parts = Harness.RunChild(["--cold-vmp", path, what], environment: null, "COLD").Split(' ');
            return (new Sample(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture),
                long.Parse(parts[3], CultureInfo.InvariantCulture)), double.Parse(parts[4], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The child side of <see cref="Cold"/>: prints <c>COLD ms allocatedBytes result secondMs</c> (result: instructions,
    /// or characters of listing).
    /// </summary>
    public static int RunColdChild(string path, string what)
    {
        var bytes = File.ReadAllBytes(path);
        Sample sample, second;
        if (what == "load")
        {
            sample = Harness.Once(static b => VmpReader.Read(b).Code.Length, bytes);
            second = Harness.Once(static b => VmpReader.Read(b).Code.Length, bytes);
        }
        else if (what == "disasm")
        {
            var program = VmpReader.Read(bytes);
            sample = Harness.Once(static p => Disassembler.Disassemble(p).Length, program);
            second = Harness.Once(static p => Disassembler.Disassemble(p).Length, program);
        }
        else
        {
            Console.Error.WriteLine($"unknown --cold-vmp mode '{what}' (load or disasm)");
            return 2;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COLD {sample.Ms:F3} {sample.AllocatedBytes} {sample.Result} {second.Ms:F3}"));
        return 0;
    }

    /// <summary>
    /// Hostile copies of <paramref name="original"/>: 1 to 4 random bits flipped anywhere in the file, then the
    /// SHA-256 recomputed (as an attacker would), so the checksum passes and the deep checks run. One working copy
    /// is changed and restored in place; only the VmpReader.Read calls count as loader time.
    /// </summary>
    public static FuzzTally FlipBits(byte[] original, int cases, int seed)
    {
        var tally = new FuzzTally("bit-flipped");
        var random = new Random(seed);
        var work = (byte[])original.Clone();
        var positions = new int[4];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var flips = 1 + random.Next(positions.Length);
            for (var f = 0; f < flips; f++)
            {
                positions[f] = random.Next(work.Length);
                work[positions[f]] ^= (byte)(1 << random.Next(8));
            }
            SHA256.HashData(work.AsSpan(VmpFormat.HeaderSize), work.AsSpan(8, 32));
            tally.Run(work, $"seed {seed}, bits flipped at bytes {string.Join(", ", positions.Take(flips))}");
            for (var f = 0; f < flips; f++)
                work[positions[f]] = original[positions[f]];
            original.AsSpan(8, 32).CopyTo(work.AsSpan(8, 32));
        }
        tally.WallMs = wall.Elapsed.TotalMilliseconds;
        if (!work.AsSpan().SequenceEqual(original))
            throw new InvalidOperationException("loader fuzz: the working copy was not restored");
        return tally;
    }

    /// <summary>
    /// Random files of 0 to 8 KiB, in four shapes taking turns: plain random bytes; "CFVM" first; a valid header
    /// (magic, version, no flags, section count, length, SHA-256) over random content; and a valid header plus a
    /// well-formed section table (each kind once, in order, contiguous) over random section contents.
    /// </summary>
    public static FuzzTally RandomFiles(int cases, int seed)
    {
        var tally = new FuzzTally("random bytes");
        var random = new Random(seed);
        var kinds = Enum.GetValues<SectionKind>();
        var tableEnd = VmpFormat.HeaderSize + kinds.Length * VmpFormat.SectionEntrySize;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var bytes = new byte[random.Next(8193)];
            random.NextBytes(bytes);
            var shape = i % 4;
            if (shape >= 1 && bytes.Length >= 4)
                VmpFormat.Magic.CopyTo(bytes);
            if (shape >= 2 && bytes.Length >= tableEnd)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), VmpFormat.Current);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), 0);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)kinds.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(44), (uint)bytes.Length);
                if (shape == 3)
                {
                    // Cut the content into one section per kind at random points.
                    var cuts = Enumerable.Range(0, kinds.Length - 1).Select(_ => random.Next(tableEnd, bytes.Length + 1)).Order().ToList();
                    cuts.Insert(0, tableEnd);
                    cuts.Add(bytes.Length);
                    for (var k = 0; k < kinds.Length; k++)
                    {
                        var at = VmpFormat.HeaderSize + k * VmpFormat.SectionEntrySize;
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)kinds[k]);
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 4), (uint)cuts[k]);
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 8), (uint)(cuts[k + 1] - cuts[k]));
                    }
                }
                SHA256.HashData(bytes.AsSpan(VmpFormat.HeaderSize), bytes.AsSpan(8, 32));
            }
            tally.Run(bytes, $"seed {seed}, shape {shape}, {bytes.Length} bytes");
        }
        tally.WallMs = wall.Elapsed.TotalMilliseconds;
        return tally;
    }
}
