using System.CommandLine;
using CallFlow.Cli.Commands;

namespace CallFlow.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        // The process runs the concurrent GC for vmc serve (its media clock must not wait for a blocking collection);
        // every other command is a batch job, for which blocking collections are 1.3-1.6x faster (docs/benchmarks.md).
        if (args.Length == 0 || args[0] != "serve")
            System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        else
            ServeRuntimeSettings.Apply(Console.Error); // returns only when the process already runs with them (or cannot)
        return RunAsync(IOContext.Console, args);
    }

    /// <summary>Runs vmc in-process with the given writers; tests use this to capture output and exit codes.</summary>
    public static async Task<int> RunAsync(IOContext io, params string[] args)
    {
        var root = new RootCommand("vmc: check, compile, inspect and simulate CallFlow (.vflow) call flows, and administer mailboxes and their e-mail")
        {
            CheckCommand.Create(io),
            CompileCommand.Create(io),
            DisasmCommand.Create(io),
            SimulateCommand.Create(io),
            MailboxCommand.Create(io),
            MailCommand.Create(io),
            AlarmCommand.Create(io),
            MakeLiveCommand.Create(io),
            ServeCommand.Create(io),
        };

        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = io.Output, Error = io.Error, EnableDefaultExceptionHandler = false };
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
                io.Error.WriteLine($"vmc: error: {error.Message}");
            io.Error.WriteLine("Run 'vmc --help' for usage.");
            return ExitCodes.UsageOrIo;
        }
        try
        {
            return await parseResult.InvokeAsync(configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A crash is a bug in vmc, never the user's fault: say so plainly, without a stack trace.
            var descriptor = Compiler.Diagnostics.DiagnosticDescriptors.InternalError;
            io.Error.WriteLine($"vmc: error {descriptor.Code}: {descriptor.FormatMessage([$"{e.GetType().Name}: {e.Message}"])}");
            io.Error.WriteLine($"  hint: {descriptor.HintFormat}");
            return ExitCodes.Environment;
        }
    }
}
