using System.Diagnostics;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>
/// `vmc simulate` run as its own process under other machine time zones and cultures gives byte-identical
/// transcripts: the VM's clock is the plan's, in the plan's zone, never the machine's.
/// </summary>
public sealed class SimulateEnvironmentTests
{
    [Fact]
    public async Task Transcripts_are_the_same_under_any_machine_time_zone_and_culture()
    {
        // Plans that read the clock (office hours, holidays, the Clock action, alarms) and one in summer time.
        string[][] runs =
        [
            ["simulate", "samples", "--plan", "tests/cases/calls/attendant-saturday-evening.plan"],
            ["simulate", "samples", "--plan", "tests/cases/calls/attendant-christmas.plan"],
            ["simulate", "tests/cases/runtime/clock-and-alarm", "--plan", "tests/cases/runtime/clock-and-alarm/once.plan"],
            ["simulate", "tests/cases/runtime/clock-and-alarm", "--plan", "tests/cases/runtime/clock-and-alarm/other-asks-both.plan"],
        ];
        (string Zone, string Culture)[] machines = [("UTC", "C"), ("Pacific/Kiritimati", "de_DE.UTF-8"), ("America/St_Johns", "tr_TR.UTF-8"), ("Asia/Kathmandu", "ar_SA.UTF-8")];
        foreach (var arguments in runs)
        {
            var outputs = new List<string>();
            foreach (var (zone, culture) in machines)
                outputs.Add(await RunVmc(arguments, zone, culture));
            Assert.NotEqual("", outputs[0]);
            Assert.All(outputs, o => Assert.Equal(outputs[0], o));
        }
    }

    private static async Task<string> RunVmc(string[] arguments, string zone, string culture)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vmc.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["TZ"] = zone;
        start.Environment["LANG"] = culture;
        start.Environment["LC_ALL"] = culture;
        // vmc itself runs with invariant globalization, so the culture matters little here; the runtime's own
        // tests (TranscriptDeterminismTests) run the VM under other cultures in-process.
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"vmc {string.Join(' ', arguments)} under TZ={zone}: exit {process.ExitCode}\n{await error}");
        return await output;
    }
}
