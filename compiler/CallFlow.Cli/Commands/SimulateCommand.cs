using System.CommandLine;
using System.Globalization;
using CallFlow.Compiler;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc simulate &lt;root.vmp | files or folders&gt;... (--plan call.plan | --start ADDRESS [--caller N] [--press KEYS]...)</c>:
/// runs one scripted call on the virtual clock and prints its transcript. Exit 0 when the call ran to its end,
/// 1 for errors in the flows or the plan, or a runtime fault; 2 for usage and I/O errors.
/// </summary>
public sealed class SimulateCommand(IOContext io)
{
    public static Command Create(IOContext io)
    {
        var paths = new Argument<string[]>("paths") { Description = "a root.vmp, or .vflow files and folders to compile first", Arity = ArgumentArity.OneOrMore };
        var plan = new Option<string?>("--plan") { Description = "the call plan file" };
        var start = new Option<string?>("--start") { Description = "start point address, e.g. \"Short Codes.*80\" (without --plan)" };
        var caller = new Option<string>("--caller") { Description = "the caller's number (without --plan)", DefaultValueFactory = _ => "01707364143" };
        var press = new Option<string[]>("--press") { Description = "keys the caller presses, one entry each, in order (without --plan)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("simulate", "Run a scripted call through the flows and print the transcript") { paths, plan, start, caller, press };
        command.SetAction(parseResult => new SimulateCommand(io).Run(parseResult.GetValue(paths)!, parseResult.GetValue(plan), parseResult.GetValue(start),
            parseResult.GetValue(caller)!, parseResult.GetValue(press) ?? []));
        return command;
    }

    public int Run(IReadOnlyList<string> paths, string? planPath, string? start, string caller, IReadOnlyList<string> presses)
    {
        CallPlan callPlan;
        if (planPath is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.GetFullPath(planPath, io.WorkingDirectory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"vmc: error: cannot read '{planPath}': {e.Message}");
                return ExitCodes.UsageOrIo;
            }
            var (parsed, errors) = CallPlan.Parse(text, planPath);
            foreach (var error in errors)
                io.Error.WriteLine($"{error}");
            if (parsed is null)
                return ExitCodes.InputErrors;
            callPlan = parsed;
        }
        else if (start is not null)
        {
            var lines = new List<string> { $"call from {caller} to \"{start}\"" };
            lines.AddRange(presses.Select(p => $"press {p}"));
            var (parsed, errors) = CallPlan.Parse(string.Join("\n", lines), "command line");
            foreach (var error in errors)
                io.Error.WriteLine($"vmc: error: {error}");
            if (parsed is null)
                return ExitCodes.UsageOrIo;
            callPlan = parsed;
        }
        else
        {
            io.Error.WriteLine("vmc: error: give a call plan with --plan, or a start point with --start");
            return ExitCodes.UsageOrIo;
        }

        var program = LoadProgram(paths);
        if (program is null)
            return ExitCodes.InputErrors;
        // A mailbox with no start point of its own falls back to the defaults (or built-in voicemail); a start
        // point named directly must exist.
        if (callPlan.Mailbox is null && StartPointSelector.Resolve(program, callPlan.StartPoint) is null)
        {
            io.Error.WriteLine($"vmc: error: there is no start point '{callPlan.StartPoint}'; the flows have: {string.Join(", ", program.FlowsByName.Keys.Order(StringComparer.Ordinal))}");
            return ExitCodes.InputErrors;
        }

        var (transcript, final) = new ScriptedHost(program, new MachineOptions()).Run(callPlan);
        io.Output.Write(transcript);
        return final.State == ExecutionState.Faulted ? ExitCodes.InputErrors : ExitCodes.Success;
    }

    private LoadedProgram? LoadProgram(IReadOnlyList<string> paths)
    {
        if (paths.Count == 1 && paths[0].EndsWith(".vmp", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return LoadedProgram.Load(File.ReadAllBytes(Path.GetFullPath(paths[0], io.WorkingDirectory)));
            }
            catch (VmpLoadException e)
            {
                io.Error.WriteLine($"{paths[0]}: error {e.Code}: {e.Message} (at byte {e.Offset.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine($"vmc: error: cannot read '{paths[0]}': {e.Message}");
                return null;
            }
        }
        if (SourceLoader.LoadOrReport(paths, io) is not { } sources)
            return null;
        var compilation = Compilation.Create(sources);
        if (compilation.EmitProgram() is not { } emitted)
        {
            DiagnosticsOutput.Write(io, "text", compilation.Diagnostics, sources.Count, "compiled", "; nothing to simulate");
            return null;
        }
        return new LoadedProgram(emitted);
    }
}
