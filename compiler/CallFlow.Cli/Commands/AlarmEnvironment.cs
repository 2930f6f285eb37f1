using CallFlow.Configuration;
using CallFlow.Server.Alarms;

namespace CallFlow.Cli.Commands;

/// <summary>
/// What every alarm subcommand starts from: the configuration (its diagnostics printed, errors fatal; the same reading
/// as <see cref="MailboxEnvironment"/>, without opening the mailbox store, which the running server holds), its zone,
/// the data directory, and the alarm book there, read strictly (a bad file is reported and left untouched).
/// </summary>
internal sealed class AlarmEnvironment
{
    private AlarmEnvironment(CallFlowConfiguration configuration, string dataDirectory, AlarmBook book)
    {
        Configuration = configuration;
        DataDirectory = dataDirectory;
        Book = book;
        TimeZone = configuration.System.FindTimeZone();
    }

    public CallFlowConfiguration Configuration { get; }

    public string DataDirectory { get; }

    public AlarmBook Book { get; }

    /// <summary>The configured zone alarm times are in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Loads the configuration and the book; null with the exit code after reporting why.</summary>
    public static (AlarmEnvironment? Environment, int ExitCode) Open(IOContext io, MailboxArguments arguments)
    {
        var display = arguments.ConfigPath ?? ConfigurationLoader.DefaultFileName;
        var full = Path.GetFullPath(display, io.WorkingDirectory);
        CallFlowConfiguration configuration;
        if (arguments.ConfigPath is null && !File.Exists(full))
            configuration = ConfigurationLoader.Defaults;
        else
        {
            var result = ConfigurationLoader.Load(full);
            foreach (var diagnostic in result.Diagnostics)
                io.Error.WriteLine((diagnostic with { File = display }).ToString());
            if (result.Configuration is null)
            {
                var unreadable = result.Diagnostics.Any(d => d.Code == ConfigurationCodes.Unreadable);
                if (!unreadable)
                    io.Error.WriteLine($"vmc: error: {display} has errors; fix them first");
                return (null, unreadable ? ExitCodes.UsageOrIo : ExitCodes.InputErrors);
            }
            configuration = result.Configuration;
        }

        var dataDirectory = arguments.DataDirectory is { } data
            ? Path.GetFullPath(data, io.WorkingDirectory)
            : configuration.ResolveDataDirectory(io.WorkingDirectory);
        try
        {
            return (new AlarmEnvironment(configuration, dataDirectory, AlarmBook.Open(dataDirectory, setAside: false)), ExitCodes.Success);
        }
        catch (InvalidDataException e)
        {
            io.Error.WriteLine($"vmc: error: {e.Message}");
            io.Error.WriteLine("  hint: fix the file by hand, or start the server, which moves a bad book aside (alarms.json.bad-<time>) and starts a new one");
            return (null, ExitCodes.InputErrors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"vmc: error: cannot read the alarm book in '{dataDirectory}': {e.Message}");
            return (null, ExitCodes.Environment);
        }
    }

    /// <summary>Runs a change to the book, reporting a failure to write it; the exit code.</summary>
    public int Change(IOContext io, Action change)
    {
        try
        {
            change();
            return ExitCodes.Success;
        }
        catch (InvalidDataException e)
        {
            io.Error.WriteLine($"vmc: error: {e.Message}");
            return ExitCodes.InputErrors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"vmc: error: cannot write the alarm book in '{DataDirectory}': {e.Message}");
            return ExitCodes.Environment;
        }
    }
}
