using CallFlow.Compiler.Tests.Snapshots;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>Every call plan under tests/cases/calls runs against the samples through `vmc simulate`; its transcript is a snapshot.</summary>
public sealed class SimulateCommandTests
{
    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => Vmc.Run(args);

    public static TheoryData<string> Plans() =>
        new(Directory.EnumerateFiles(RepositoryPaths.Combine("tests", "cases", "calls"), "*.plan").Order(StringComparer.Ordinal).Select(Path.GetFileNameWithoutExtension)!);

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task Plan_transcript_matches_its_snapshot(string plan)
    {
        var (exitCode, output, error) = await Run("simulate", "samples", "--plan", $"tests/cases/calls/{plan}.plan");
        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Snapshot.Verify(output, plan + ".transcript");
    }

    /// <summary>The runtime corpus: tests/cases/runtime/&lt;case&gt;/main.vflow with its plans, the edge cases of the machine.</summary>
    public static TheoryData<string, string> RuntimeCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Combine("tests", "cases", "runtime")).Order(StringComparer.Ordinal))
        {
            foreach (var plan in Directory.EnumerateFiles(folder, "*.plan").Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(folder), Path.GetFileNameWithoutExtension(plan));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RuntimeCases))]
    public async Task Runtime_case_transcript_matches_its_snapshot(string @case, string plan)
    {
        var (exitCode, output, _) = await Run("simulate", $"tests/cases/runtime/{@case}", "--plan", $"tests/cases/runtime/{@case}/{plan}.plan");
        // A runtime fault (the step budget case) exits 1 and still prints its transcript.
        Assert.Equal(output.Contains("  fault VF6", StringComparison.Ordinal) ? 1 : 0, exitCode);
        Snapshot.Verify(output, $"runtime-{@case}-{plan}.transcript");
    }

    /// <summary>The mailbox corpus: tests/cases/mailbox/&lt;mode&gt;/*.plan run against the samples with that folder's
    /// callflow.json, so the mailbox actions and stdlib's mailbox interfaces run against a real store.</summary>
    public static TheoryData<string, string> MailboxCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Combine("tests", "cases", "mailbox")).Order(StringComparer.Ordinal))
        {
            foreach (var plan in Directory.EnumerateFiles(folder, "*.plan").Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(folder), Path.GetFileNameWithoutExtension(plan));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MailboxCases))]
    public async Task Mailbox_case_transcript_matches_its_snapshot(string mode, string plan)
    {
        var (exitCode, output, error) = await Run("simulate", "samples", "--config", $"tests/cases/mailbox/{mode}/callflow.json",
            "--plan", $"tests/cases/mailbox/{mode}/{plan}.plan");
        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Snapshot.Verify(output, $"mailbox-{mode}-{plan}.transcript");
    }

    [Fact]
    public async Task The_same_plan_gives_the_same_transcript_from_source_and_from_root_vmp()
    {
        var folder = Directory.CreateTempSubdirectory("callflow-simulate-");
        try
        {
            var vmp = Path.Combine(folder.FullName, "root.vmp");
            Assert.Equal(0, (await Run("compile", "samples", "-o", vmp)).ExitCode);
            var fromSource = await Run("simulate", "samples", "--plan", "tests/cases/calls/attendant-sales.plan");
            var fromBinary = await Run("simulate", vmp, "--plan", "tests/cases/calls/attendant-sales.plan");
            Assert.Equal(fromSource, fromBinary);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Quick_flags_run_a_call_without_a_plan_file()
    {
        var (exitCode, output, _) = await Run("simulate", "samples", "--start", "Short Codes.*80", "--press", "1");
        Assert.Equal(0, exitCode);
        Assert.Contains("caller: presses 1 during the prompts", output);
        Assert.EndsWith("end Transferred\n", output);
    }

    [Fact]
    public async Task Plan_errors_name_the_line_and_an_unknown_start_point_lists_the_ones_there_are()
    {
        var folder = Directory.CreateTempSubdirectory("callflow-plan-");
        try
        {
            var plan = Path.Combine(folder.FullName, "bad.plan");
            await File.WriteAllTextAsync(plan, "call from 1 to \"Default.Leave\"\nwhistle\n");
            var (exitCode, _, error) = await Run("simulate", "samples", "--plan", plan);
            Assert.Equal(1, exitCode);
            Assert.Contains("bad.plan(2): unknown plan line 'whistle'", error);

            (exitCode, _, error) = await Run("simulate", "samples", "--start", "Nowhere");
            Assert.Equal(1, exitCode);
            Assert.Contains("there is no start point 'Nowhere'", error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
