using System.Globalization;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Tests.Vm;

/// <summary>The same call plans give the same transcripts whatever the culture of the machine.</summary>
public sealed class TranscriptDeterminismTests
{
    private static string RunAll()
    {
        var root = RepositoryPaths.Root;
        var sources = Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.vflow", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceText(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)));
        var program = new LoadedProgram(Compilation.Create(sources).EmitProgram()!);
        var host = new ScriptedHost(program, new MachineOptions());
        var transcripts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "tests", "cases", "calls"), "*.plan").Order(StringComparer.Ordinal))
        {
            var (plan, errors) = CallPlan.Parse(File.ReadAllText(file), file);
            Assert.Empty(errors);
            transcripts.Add(host.Run(plan!).Transcript);
        }
        return string.Join("\n", transcripts);
    }

    [Fact]
    public void Transcripts_do_not_depend_on_the_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = RunAll();
            foreach (var name in new[] { "de-DE", "tr-TR", "ar-SA", "ja-JP" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                Assert.Equal(invariant, RunAll());
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
