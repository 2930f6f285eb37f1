using System.Data.Common;
using CallFlow.Configuration;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// What every mailbox subcommand starts from: the configuration (its diagnostics printed, errors fatal), the data
/// directory, and the store, opened only when needed. A read-only command on a folder without a store sees an
/// empty store instead of creating one.
/// </summary>
internal sealed class MailboxEnvironment : IAsyncDisposable
{
    private MailboxEnvironment(CallFlowConfiguration configuration, string? configDisplay, string dataDirectory, SqliteMailboxStore? store)
    {
        Configuration = configuration;
        ConfigDisplay = configDisplay;
        DataDirectory = dataDirectory;
        Store = store;
        TimeZone = configuration.System.FindTimeZone();
    }

    public CallFlowConfiguration Configuration { get; }

    /// <summary>The configuration file as the user would name it, or null when the defaults are in use.</summary>
    public string? ConfigDisplay { get; }

    public string DataDirectory { get; }

    /// <summary>The open store, or null when a read-only command found none.</summary>
    public SqliteMailboxStore? Store { get; }

    /// <summary>The configured zone, for showing times (the loader has checked that it exists).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Loads the configuration and opens the store (creating it when <paramref name="createStore"/>); null with the exit code after reporting why.</summary>
    public static (MailboxEnvironment? Environment, int ExitCode) Open(IOContext io, MailboxArguments arguments, bool createStore)
    {
        var (configuration, display, exitCode) = LoadConfiguration(io, arguments.ConfigPath);
        if (configuration is null)
            return (null, exitCode);

        var dataDirectory = arguments.DataDirectory is { } data
            ? Path.GetFullPath(data, io.WorkingDirectory)
            : configuration.ResolveDataDirectory(io.WorkingDirectory);
        if (!createStore && !File.Exists(Path.Combine(dataDirectory, SqliteMailboxStore.DatabaseFileName)))
            return (new MailboxEnvironment(configuration, display, dataDirectory, null), ExitCodes.Success);
        try
        {
            var system = configuration.System;
            var store = SqliteMailboxStore.Open(dataDirectory, new MailboxStoreOptions
            {
                MinimumMessageLength = TimeSpan.FromSeconds(system.MinMessageLengthSeconds),
                MaxFailedCodeAttempts = system.CodeLockout.Attempts,
                CodeLockoutDuration = TimeSpan.FromMinutes(system.CodeLockout.Minutes),
            });
            return (new MailboxEnvironment(configuration, display, dataDirectory, store), ExitCodes.Success);
        }
        catch (InvalidOperationException e) when (e.InnerException is IOException)
        {
            io.Error.WriteLine($"vmc: error: the mailbox store in '{dataDirectory}' is open in another process; stop the CallFlow server (or the other vmc) and try again");
            return (null, ExitCodes.Environment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or InvalidOperationException)
        {
            io.Error.WriteLine($"vmc: error: cannot open the mailbox store in '{dataDirectory}': {e.Message}");
            return (null, ExitCodes.Environment);
        }
    }

    /// <summary>The kind of a mailbox: the configuration's word first, else the store's, else a user.</summary>
    public async Task<MailboxKind> KindOfAsync(string name, CancellationToken cancellationToken)
    {
        if (Configuration.FindGroup(name) is not null)
            return MailboxKind.HuntGroup;
        if (Configuration.FindUser(name) is not null || Store is null)
            return MailboxKind.User;
        return (await Store.GetMailboxAsync(name, cancellationToken))?.Kind ?? MailboxKind.User;
    }

    /// <summary>Every mailbox name, configured or stored, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> AllNamesAsync(CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(Configuration.MailboxNames, StringComparer.Ordinal);
        if (Store is not null)
            names.UnionWith((await Store.ListMailboxesAsync(cancellationToken)).Select(m => m.Name));
        return [.. names];
    }

    public ValueTask DisposeAsync() => Store?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static (CallFlowConfiguration? Configuration, string? Display, int ExitCode) LoadConfiguration(IOContext io, string? path)
    {
        var display = path ?? ConfigurationLoader.DefaultFileName;
        var full = Path.GetFullPath(display, io.WorkingDirectory);
        if (path is null && !File.Exists(full))
            return (ConfigurationLoader.Defaults, null, ExitCodes.Success);

        var result = ConfigurationLoader.Load(full);
        foreach (var diagnostic in result.Diagnostics)
            io.Error.WriteLine((diagnostic with { File = display }).ToString());
        if (result.Configuration is { } configuration)
            return (configuration, display, ExitCodes.Success);
        var unreadable = result.Diagnostics.Any(d => d.Code == ConfigurationCodes.Unreadable);
        if (!unreadable)
            io.Error.WriteLine($"vmc: error: {display} has errors; fix them first");
        return (null, null, unreadable ? ExitCodes.UsageOrIo : ExitCodes.InputErrors);
    }
}
