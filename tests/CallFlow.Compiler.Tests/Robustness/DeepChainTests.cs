using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace CallFlow.Compiler.Tests.Robustness;

/// <summary>
/// Long chains that run across declarations (module A calls B calls C ..., condition A = B, B = C ...). The syntax
/// tree stays flat, so the nesting limit does not apply; any check that follows such a chain recursively overflows
/// the stack, which no catch can stop and which would take the test host down with it. So these inputs run in a
/// child process, the real <c>vmc check</c> (copied next to the tests): it must exit normally (0 or 1) in time.
/// </summary>
public sealed class DeepChainTests
{
    private const int Length = 50_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Fifty_thousand_modules_calling_each_other_in_a_chain()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Length; i++)
            text.Append("module M").Append(i).Append(" {\n    call M").Append(i + 1).Append(" {\n        on Done -> return Done\n    }\n}\n");
        text.Append("module M").Append(Length).Append(" {\n    return Done\n}\n");
        RunVmcCheck(text.ToString(), expectErrors: false);
    }

    [Fact]
    public void Fifty_thousand_conditions_referring_to_each_other_in_a_chain()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Length; i++)
            text.Append("condition C").Append(i).Append(" = not C").Append(i + 1).Append('\n');
        text.Append("condition C").Append(Length).Append(" = weekly(Mon-Fri 09:00-17:00)\n");
        RunVmcCheck(text.ToString(), expectErrors: false);
    }

    [Fact]
    public void Fifty_thousand_modules_jumping_to_each_other_with_goto()
    {
        var text = new StringBuilder();
        for (var i = 0; i < Length; i++)
            text.Append("module M").Append(i).Append(" {\n    goto M").Append((i + 1) % Length).Append("\n}\n");
        Robust.CheckClean(text.ToString(), Robust.Big);
    }

    private static void RunVmcCheck(string text, bool expectErrors)
    {
        var vmc = Path.Combine(AppContext.BaseDirectory, "vmc.dll");
        Assert.True(File.Exists(vmc), $"vmc.dll not found next to the tests in {AppContext.BaseDirectory}");
        var file = Path.Combine(Path.GetTempPath(), $"callflow-robustness-{Guid.NewGuid():N}.vflow");
        File.WriteAllText(file, text);
        try
        {
            var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
                ? path
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add(vmc);
            info.ArgumentList.Add("check");
            info.ArgumentList.Add(file);
            using var process = Process.Start(info) ?? throw new XunitException($"could not start {host}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new XunitException($"vmc check did not finish within {Timeout.TotalSeconds:F0} s (hang?) on {Robust.Describe(text)}");
            }
            process.WaitForExit();
            var output = Tail(stdout.Result) + Tail(stderr.Result);
            var expected = expectErrors ? 1 : 0;
            if (process.ExitCode != expected)
                throw new XunitException($"vmc check exited with {process.ExitCode} (expected {expected}; 134 = abort, e.g. stack overflow) on {Robust.Describe(text)}{Environment.NewLine}{output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
