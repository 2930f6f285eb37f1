using CallFlow.Cli;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>Every start point of the samples is driven by at least one call plan (tests/cases/calls or the mailbox corpus).</summary>
public sealed class SamplePlanTests
{
    [Fact]
    public void Every_start_point_of_the_samples_has_a_call_plan()
    {
        var (sources, errors) = SourceLoader.Load(["samples"], RepositoryPaths.Root);
        Assert.Empty(errors);
        var program = new LoadedProgram(Compilation.Create(sources).EmitProgram()!);
        var plans = Directory.EnumerateFiles(RepositoryPaths.Combine("tests", "cases", "calls"), "*.plan")
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Combine("tests", "cases", "mailbox"), "*.plan", SearchOption.AllDirectories))
            .SelectMany(path => CallPlan.ParseAll(File.ReadAllText(path), path).Plans);
        var driven = plans
            .Select(plan => plan.Mailbox is { } mailbox ? StartPointSelector.Select(program, mailbox, plan.CallType) : StartPointSelector.Resolve(program, plan.StartPoint))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var startPoints = program.Program.Flows.Where(f => f.Kind != VmpFlowKind.Module).Select(f => program.Program.Strings[f.Name]);
        Assert.DoesNotContain(startPoints, s => !driven.Contains(s));
    }
}
