using CallFlow.Cli;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>Runs vmc in-process from the repository root with captured output.</summary>
internal static class Vmc
{
    public static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = await Program.RunAsync(new IOContext(output, error, RepositoryPaths.Root), args);
        return (exitCode, output.ToString(), error.ToString());
    }
}
