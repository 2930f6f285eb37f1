using System.CommandLine;
using System.Globalization;
using System.Collections.Immutable;
using CallFlow.Compiler;
using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Runtime.Hosting.Mailboxes;
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
        var config = new Option<string?>("--config") { Description = "a callflow.json: mailbox actions then run against a real mailbox store with its mailboxes and preferences" };
        var data = new Option<string?>("--data") { Description = "with --config: keep the mailbox store in this folder across runs (default: a fresh temporary one)" };
        var command = new Command("simulate", "Run a scripted call through the flows and print the transcript") { paths, plan, start, caller, press, config, data };
        command.SetAction(parseResult => new SimulateCommand(io).Run(parseResult.GetValue(paths)!, parseResult.GetValue(plan), parseResult.GetValue(start),
            parseResult.GetValue(caller)!, parseResult.GetValue(press) ?? [], parseResult.GetValue(config), parseResult.GetValue(data)));
        return command;
    }

    public int Run(IReadOnlyList<string> paths, string? planPath, string? start, string caller, IReadOnlyList<string> presses,
        string? configPath = null, string? dataPath = null)
    {
        ImmutableArray<CallPlan> callPlans;
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
            var (parsed, errors) = CallPlan.ParseAll(text, planPath);
            foreach (var error in errors)
                io.Error.WriteLine($"{error}");
            if (parsed.IsEmpty)
                return ExitCodes.InputErrors;
            callPlans = parsed;
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
            callPlans = [parsed];
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
        foreach (var callPlan in callPlans)
        {
            if (callPlan.Mailbox is null && StartPointSelector.Resolve(program, callPlan.StartPoint) is null)
            {
                io.Error.WriteLine($"vmc: error: there is no start point '{callPlan.StartPoint}'; the flows have: {string.Join(", ", program.FlowsByName.Keys.Order(StringComparer.Ordinal))}");
                return ExitCodes.InputErrors;
            }
        }

        if (configPath is null)
        {
            var (transcript, final) = new ScriptedHost(program, new MachineOptions()).RunAll(callPlans);
            io.Output.Write(transcript);
            return final.State == ExecutionState.Faulted ? ExitCodes.InputErrors : ExitCodes.Success;
        }
        return RunWithStore(program, callPlans, configPath, dataPath);
    }

    /// <summary>
    /// Runs the plans with the mailbox actions performed against a real store: the configuration's mailboxes and
    /// preferences, message ids m0001, m0002 ... and the plans' virtual clock, so transcripts stay deterministic. The
    /// store lives in a fresh temporary folder, removed afterwards, unless --data names one to keep.
    /// </summary>
    private int RunWithStore(LoadedProgram program, ImmutableArray<CallPlan> plans, string configPath, string? dataPath)
    {
        var loaded = ConfigurationLoader.Load(Path.GetFullPath(configPath, io.WorkingDirectory));
        foreach (var diagnostic in loaded.Diagnostics)
            io.Error.WriteLine((diagnostic with { File = configPath }).ToString());
        if (loaded.Configuration is not { } configuration)
            return ExitCodes.InputErrors;

        var temporary = dataPath is null ? Directory.CreateTempSubdirectory("callflow-simulate-") : null;
        try
        {
            var clock = new ScriptedClock();
            var ids = 0;
            // A fresh store numbers messages m0001, m0002 ... so transcripts repeat; a kept one (--data) already holds
            // messages from earlier runs, so its new ones get the store's own unique ids.
            using var store = SqliteMailboxStore.Open(temporary?.FullName ?? Path.GetFullPath(dataPath!, io.WorkingDirectory),
                MailboxPolicyFactory.StoreOptions(configuration, clock, temporary is null ? null : () => $"m{++ids:D4}"));
            MailboxPolicyFactory.ProvisionAsync(store, configuration).GetAwaiter().GetResult();
            var host = new ScriptedHost(program, new MachineOptions())
            {
                Handlers = [new MailboxRequestHandler(store, MailboxPolicyFactory.Create(configuration))],
                Clock = clock,
                FullNames = configuration.Users.Where(u => u.FullName is not null).ToDictionary(u => u.Name, u => u.FullName!, StringComparer.Ordinal),
            };
            var (transcript, final) = host.RunAll(plans);
            io.Output.Write(transcript);
            return final.State == ExecutionState.Faulted ? ExitCodes.InputErrors : ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException)
        {
            io.Error.WriteLine($"vmc: error: the mailbox store: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        finally
        {
            temporary?.Delete(recursive: true);
        }
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
