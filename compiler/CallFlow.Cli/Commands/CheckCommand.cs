using System.CommandLine;
using CallFlow.Compiler;

namespace CallFlow.Cli.Commands;

/// <summary><c>vmc check &lt;files or folders&gt;... [--format text|json]</c>: reports every diagnostic; exit 0, 1 or 2.</summary>
public sealed class CheckCommand(IOContext io)
{
    public static Command Create(IOContext io)
    {
        var paths = new Argument<string[]>("paths") { Description = ".vflow files, or folders searched for them; all together form one set of call flows", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "output format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("check", "Check call flows and report every error and warning") { paths, format };
        command.SetAction(parseResult => new CheckCommand(io).Run(new CheckArguments(parseResult.GetValue(paths)!, parseResult.GetValue(format)!)));
        return command;
    }

    public int Run(CheckArguments arguments)
    {
        if (SourceLoader.LoadOrReport(arguments.Paths, io) is not { } sources)
            return ExitCodes.UsageOrIo;

        var compilation = Compilation.Create(sources);
        DiagnosticsOutput.Write(io, arguments.Format, compilation.Diagnostics, sources.Count, "checked");
        return compilation.HasErrors ? ExitCodes.InputErrors : ExitCodes.Success;
    }
}
