using System.CommandLine;
using System.Runtime.InteropServices;
using CallFlow.Configuration;
using CallFlow.Server;
using Microsoft.Extensions.Logging;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc serve [files or folders] [--config callflow.json] [--data dir]</c>: runs a CallFlow server on the configuration
/// (loopback defaults without one). Flows given here are compiled and made live first, as <c>vmc make-live</c> does;
/// otherwise the version already live in the data directory runs. Logs are JSON lines on standard output; Ctrl+C or
/// SIGTERM stops the server gracefully (new calls refused, calls in progress finish within the grace period).
/// </summary>
public sealed class ServeCommand(IOContext io)
{
    public static Command Create(IOContext io)
    {
        var paths = new Argument<string[]>("paths") { Description = ".vflow files or folders to make live before serving", Arity = ArgumentArity.ZeroOrMore };
        var config = new Option<string?>("--config") { Description = "callflow.json (default ./callflow.json if present, else loopback defaults)" };
        var data = new Option<string?>("--data") { Description = "the data directory, overriding the configuration's" };
        var command = new Command("serve", "Run the CallFlow server") { paths, config, data };
        command.SetAction((parseResult, cancellationToken) => new ServeCommand(io).RunAsync(parseResult.GetValue(paths) ?? [],
            parseResult.GetValue(config), parseResult.GetValue(data), cancellationToken));
        return command;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> paths, string? configPath, string? dataPath, CancellationToken cancellationToken)
    {
        var display = configPath ?? ConfigurationLoader.DefaultFileName;
        var full = Path.GetFullPath(display, io.WorkingDirectory);
        CallFlowConfiguration configuration;
        if (configPath is null && !File.Exists(full))
            configuration = ConfigurationLoader.Defaults;
        else
        {
            var loaded = ConfigurationLoader.Load(full);
            foreach (var diagnostic in loaded.Diagnostics)
                io.Error.WriteLine((diagnostic with { File = display }).ToString());
            if (loaded.Configuration is null)
                return ExitCodes.InputErrors;
            configuration = loaded.Configuration;
        }
        var dataDirectory = dataPath is not null ? Path.GetFullPath(dataPath, io.WorkingDirectory) : configuration.ResolveDataDirectory(io.WorkingDirectory);

        if (paths.Count > 0)
        {
            var published = new MakeLiveCommand(io).Run(paths, null, dataDirectory, configuration.Server.KeepVersions, rollback: false);
            if (published != ExitCodes.Success)
                return published;
        }

        using var logging = LoggerFactory.Create(builder => builder.AddJsonConsole(options =>
        {
            options.IncludeScopes = false;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            options.UseUtcTimestamp = true;
        }).SetMinimumLevel(LogLevel.Information));
        await using var server = new ServerHost(configuration, dataDirectory, logging);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Ctrl+C (SIGINT) and SIGTERM (systemd, docker stop) both mean a graceful stop.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using var sip = new CallFlow.Server.Sip.SipFrontEnd(server, configuration);
        try
        {
            await server.StartAsync(stop.Token);
            sip.Start();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException
            or System.Net.Sockets.SocketException)
        {
            io.Error.WriteLine($"vmc: error: the server could not start: {e.Message}");
            return ExitCodes.Environment;
        }
        io.Output.WriteLine($"CallFlow server running; SIP on {sip.EndPoint}; data in {dataDirectory}; health {server.HealthUrl?.ToString() ?? "off"}; Ctrl+C stops it");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await server.StopAsync();
        return ExitCodes.Success;
    }
}
