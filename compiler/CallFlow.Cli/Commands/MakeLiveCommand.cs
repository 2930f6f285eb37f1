using System.CommandLine;
using System.Globalization;
using CallFlow.Compiler;
using CallFlow.Configuration;
using CallFlow.Runtime.Hosting.Live;
using CallFlow.Vmp;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc make-live &lt;files or folders&gt;... [--config callflow.json] [--data dir] [--keep N]</c> and
/// <c>vmc make-live --rollback</c>: Voicemail Pro's Save &amp; Make Live. Compiles the flows and, only when there is no
/// error, publishes the new root.vmp into the server's data directory (live/), where the running server picks it up
/// for new calls; calls in progress finish on the version they started on. A failed compile changes nothing.
/// Exit 0 published (or rolled back), 1 errors in the flows or configuration, 2 usage or I/O errors.
/// </summary>
public sealed class MakeLiveCommand(IOContext io)
{
    public static Command Create(IOContext io)
    {
        var paths = new Argument<string[]>("paths") { Description = ".vflow files or folders (not with --rollback)", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string?>("--config") { Description = "the server's callflow.json (its data_directory holds live/); default ./callflow.json if present" };
        var data = new Option<string?>("--data") { Description = "the server's data directory, overriding the configuration's" };
        var keep = new Option<int>("--keep") { Description = "how many versions to keep for rollback", DefaultValueFactory = _ => 5 };
        var rollback = new Option<bool>("--rollback") { Description = "make the version before the live one live again" };
        var command = new Command("make-live", "Compile the flows and make them live on the server (Save & Make Live)") { paths, config, data, keep, rollback };
        command.SetAction(parseResult => new MakeLiveCommand(io).Run(parseResult.GetValue(paths) ?? [], parseResult.GetValue(config),
            parseResult.GetValue(data), parseResult.GetValue(keep), parseResult.GetValue(rollback)));
        return command;
    }

    public int Run(IReadOnlyList<string> paths, string? configPath, string? dataPath, int keep, bool rollback)
    {
        if (keep is < 1 or > 100)
        {
            io.Error.WriteLine("vmc: error: --keep takes 1 to 100 versions");
            return ExitCodes.UsageOrIo;
        }
        if (rollback == (paths.Count > 0))
        {
            io.Error.WriteLine(rollback ? "vmc: error: --rollback takes no files" : "vmc: error: give the .vflow files or folders to make live, or --rollback");
            return ExitCodes.UsageOrIo;
        }
        if (DataDirectory(configPath, dataPath) is not { } dataDirectory)
            return ExitCodes.InputErrors;
        var repository = new ProgramRepository(Path.Combine(dataDirectory, "live")) { Keep = keep };

        try
        {
            if (rollback)
            {
                if (repository.Rollback() is not { } previous)
                {
                    io.Error.WriteLine($"vmc: error: there is no earlier version to roll back to in '{repository.Directory}'");
                    return ExitCodes.UsageOrIo;
                }
                io.Output.WriteLine($"root.vmp {previous} is live again");
                return ExitCodes.Success;
            }

            if (SourceLoader.LoadOrReport(paths, io) is not { } sources)
                return ExitCodes.UsageOrIo;
            var compilation = Compilation.Create(sources);
            var program = compilation.EmitProgram();
            if (program is null)
            {
                DiagnosticsOutput.Write(io, "text", compilation.Diagnostics, sources.Count, "compiled", "; nothing made live, the live version is unchanged");
                return ExitCodes.InputErrors;
            }
            var before = repository.Current();
            var version = repository.Publish(VmpWriter.Write(program));
            DiagnosticsOutput.Write(io, "text", compilation.Diagnostics, sources.Count, "compiled",
                version == before ? $"; root.vmp {version} is already live" : string.Create(CultureInfo.InvariantCulture, $"; root.vmp {version} is live"));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or VmpLoadException)
        {
            io.Error.WriteLine($"vmc: error: cannot publish into '{repository.Directory}': {e.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    private string? DataDirectory(string? configPath, string? dataPath)
    {
        if (dataPath is not null)
            return Path.GetFullPath(dataPath, io.WorkingDirectory);
        var display = configPath ?? ConfigurationLoader.DefaultFileName;
        var full = Path.GetFullPath(display, io.WorkingDirectory);
        if (configPath is null && !File.Exists(full))
            return ConfigurationLoader.Defaults.ResolveDataDirectory(io.WorkingDirectory);
        var result = ConfigurationLoader.Load(full);
        foreach (var diagnostic in result.Diagnostics)
            io.Error.WriteLine((diagnostic with { File = display }).ToString());
        return result.Configuration?.ResolveDataDirectory(io.WorkingDirectory);
    }
}
