using System.Globalization;
using System.Text.Json;
using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Hosting.Live;
using CallFlow.Runtime.Hosting.Mailboxes;
using CallFlow.Runtime.Vm;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server;

/// <summary>
/// One CallFlow server (<c>vmc serve</c>): the mailbox store, the live root.vmp (followed as <c>vmc make-live</c>
/// publishes), housekeeping in idle periods, the health and metrics endpoint, and the admission of calls, which the
/// telephony front end turns into <see cref="CallSession"/>s with <see cref="TryStartCall"/>. Stopping refuses new
/// calls and lets calls in progress finish for the configured grace period.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly CallFlowConfiguration _configuration;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private SqliteMailboxStore? _store;
    private WebApplication? _web;
    private Task? _background;
    private HousekeepingScheduler? _housekeeping;
    private MailboxPolicy? _policy;
    private CallFlow.Email.EmailService? _email;
    private readonly StorageAlarm _diskAlarm;

    /// <summary>A server for <paramref name="configuration"/>, with its data under <paramref name="dataDirectory"/>.</summary>
    public ServerHost(CallFlowConfiguration configuration, string dataDirectory, ILoggerFactory logging, TimeProvider? clock = null)
    {
        _configuration = configuration;
        _diskAlarm = new StorageAlarm(configuration.System.DiskAlarm);
        DataDirectory = dataDirectory;
        Logging = logging;
        _log = logging.CreateLogger("CallFlow.Server");
        _clock = clock ?? TimeProvider.System;
        Repository = new ProgramRepository(Path.Combine(dataDirectory, "live")) { Keep = configuration.Server.KeepVersions };
        Live = new LiveProgram(Repository);
        Admission = new CallAdmission(configuration.Server.MaxCalls);
    }

    /// <summary>The data directory: the mailbox store and live/.</summary>
    public string DataDirectory { get; }

    /// <summary>The loggers the front ends write to.</summary>
    public ILoggerFactory Logging { get; }

    /// <summary>The published root.vmp versions.</summary>
    public ProgramRepository Repository { get; }

    /// <summary>The program new calls run.</summary>
    public LiveProgram Live { get; }

    /// <summary>Calls in progress and the call limit.</summary>
    public CallAdmission Admission { get; }

    /// <summary>
    /// The user variables every call shares ($REG[name]), created from the first live program's declarations; a later
    /// version's new variables start empty, and values set by calls outlive make-live.
    /// </summary>
    public UserVariables UserVariables => _users ??= Live.Current is { } live ? UserVariables.FromProgram(live.Program.Program) : new UserVariables();

    private UserVariables? _users;

    /// <summary>
    /// The prompt library every call shares: rendered prompt files from <c>&lt;data&gt;/prompts</c> (build/render-prompts.sh),
    /// else the catalogue's text spoken by espeak-ng on demand and cached; Speak Text through the same engine.
    /// </summary>
    public CallFlow.Speech.Prompts.PromptLibrary Prompts => _prompts ??= new CallFlow.Speech.Prompts.PromptLibrary(
        new CallFlow.Speech.Prompts.PromptLibraryOptions { SystemPromptDirectory = Path.Combine(DataDirectory, "prompts") },
        new CallFlow.Speech.Tts.EspeakTextToSpeech());

    private CallFlow.Speech.Prompts.PromptLibrary? _prompts;

    /// <summary>Counters for /metrics.</summary>
    public ServerMetrics Metrics { get; } = new();

    /// <summary>The mailboxes and preferences the mailbox actions follow (after <see cref="StartAsync"/>).</summary>
    public MailboxPolicy Policy => _policy ?? throw new InvalidOperationException("the server has not started");

    /// <summary>The mailbox store (after <see cref="StartAsync"/>).</summary>
    public IMailboxStore Store => _store ?? throw new InvalidOperationException("the server has not started");

    /// <summary>The URL of the health endpoint once started (null when it is off).</summary>
    public Uri? HealthUrl { get; private set; }

    /// <summary>Opens the store, creates the configured mailboxes, loads the live program and starts the endpoint.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // The same folder vmc mailbox works on; the store keeps to mailbox.db, messages/, greetings/ and tmp/, beside live/.
        _store = SqliteMailboxStore.Open(DataDirectory, MailboxPolicyFactory.StoreOptions(_configuration, _clock) with
        {
            Log = message => _log.LogWarning("mailbox store: {Message}", message),
        });
        await MailboxPolicyFactory.ProvisionAsync(_store, _configuration, cancellationToken).ConfigureAwait(false);
        // E-mail (callflow.json's email section): the outbox worker sends off the call path, the receiver delivers
        // mailed WAVs; e-mail modes are on only when a sender is configured, so nothing is queued that nobody sends.
        _email = CallFlow.Email.EmailService.Start(_configuration, _store, Path.Combine(DataDirectory, "prompts"), _clock,
            message => _log.LogInformation("e-mail: {Message}", message));
        _policy = MailboxPolicyFactory.Create(_configuration, sendsEmail: _email.Worker is not null);
        _housekeeping = new HousekeepingScheduler(_store, HousekeepingScheduler.PolicyFor(_configuration));

        RefreshLive();
        if (Live.Current is null)
            _log.LogWarning("no root.vmp is live yet in {Directory}: publish one with vmc make-live; calls are refused until then", Repository.Directory);

        if (_configuration.Server.HttpPort != 0)
            await StartEndpointAsync(cancellationToken).ConfigureAwait(false);
        _background = Task.Run(() => BackgroundAsync(_stopping.Token), CancellationToken.None);
        _log.LogInformation("CallFlow server started: data {Directory}, live {Version}, health {Health}",
            DataDirectory, Live.Current?.Version.ToString() ?? "none", HealthUrl?.ToString() ?? "off");
    }

    /// <summary>
    /// Admits a new call and builds its session on the live program, with the mailbox actions performed against the
    /// store; null when the call is refused (no live program, the call limit, or stopping). The front end must call
    /// <see cref="EndCall"/> when the session ends.
    /// </summary>
    public (CallSession Session, CallContext Context, LoadedProgram Program)? TryStartCall(ICallChannel channel, CallInfo info, CallState state)
    {
        if (Live.Current is not { } live || _store is null || _policy is null || !Admission.TryBegin())
        {
            Metrics.CallRefused();
            return null;
        }
        _housekeeping?.CallStarted();
        Metrics.CallStarted();
        var context = new CallContext(channel, state, info);
        IRequestHandler[] handlers = _email?.RequestHandler is { } mail
            ? [new MailboxRequestHandler(_store, _policy), mail]
            : [new MailboxRequestHandler(_store, _policy)];
        var session = new CallSession(new Machine(live.Program, new MachineOptions()), context, handlers);
        return (session, context, live.Program);
    }

    /// <summary>A call started with <see cref="TryStartCall"/> ended with <paramref name="final"/>.</summary>
    public void EndCall(Step final)
    {
        if (final.State == ExecutionState.Faulted)
        {
            Metrics.CallFaulted();
            _log.LogError("call ended by runtime fault {Code} at pc {Pc}: {Message}", final.Fault!.Code, final.Fault.Pc, final.Fault.Message);
        }
        Admission.End();
        _housekeeping?.CallEnded(_clock.GetUtcNow());
    }

    /// <summary>Refuses new calls, waits up to the grace period for calls in progress, then stops everything.</summary>
    public async Task StopAsync()
    {
        _log.LogInformation("stopping: new calls are refused, {Active} in progress may finish within {Grace} s",
            Admission.Active, _configuration.Server.ShutdownGraceSeconds);
        var finished = await Admission.CloseAsync(TimeSpan.FromSeconds(_configuration.Server.ShutdownGraceSeconds), _clock).ConfigureAwait(false);
        if (!finished)
            _log.LogWarning("{Active} calls were still in progress at the end of the grace period", Admission.Active);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_background is not null)
            await _background.ConfigureAwait(false);
        if (_web is not null)
            await _web.StopAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
            await StopAsync().ConfigureAwait(false);
        if (_web is not null)
            await _web.DisposeAsync().ConfigureAwait(false);
        if (_email is not null)
            await _email.DisposeAsync().ConfigureAwait(false);
        _store?.Dispose();
        _stopping.Dispose();
    }

    private void RefreshLive()
    {
        if (Live.Refresh(message => _log.LogError("{Message}", message)) is { } version)
        {
            Metrics.LiveVersionChanged();
            _log.LogInformation("root.vmp {Version} is live for new calls", version.ToString());
        }
    }

    // One loop for the whole server: the live program every second, housekeeping every minute.
    private async Task BackgroundAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _clock);
        var tick = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    RefreshLive();
                    if (tick % 10 == 0)
                        CheckDiskSpace();
                    if (++tick % 60 == 0 && _housekeeping is not null
                        && await _housekeeping.TickAsync(_clock.GetUtcNow(), cancellationToken).ConfigureAwait(false) is { Deleted: > 0 } result)
                        _log.LogInformation("housekeeping deleted {Deleted} messages ({Skipped} skipped while playing)", result.Deleted, result.SkippedInPlayback);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The server goes on: a failing refresh or housekeeping run is logged and tried again later.
                    _log.LogError(e, "background work failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The disk space alarm (reference §8.4): free space of the data directory, logged when its level changes.</summary>
    private void CheckDiskSpace()
    {
        if (_store?.FreeBytes is not { } free || _diskAlarm.Observe(free) is not { } change)
            return;
        var path = DataDirectory;
        switch (_diskAlarm.Level)
        {
            case StorageAlarmLevel.Critical:
                _log.LogError("{Change} in {Directory}", change, path);
                break;
            case StorageAlarmLevel.Low:
                _log.LogWarning("{Change} in {Directory}", change, path);
                break;
            default:
                _log.LogInformation("{Change} in {Directory}", change, path);
                break;
        }
    }

    private async Task StartEndpointAsync(CancellationToken cancellationToken)
    {
        // The empty builder: no appsettings.json, no environment configuration, no logging providers. The slim builder
        // loads appsettings.json with reload on change, which watches the working directory recursively; with the data
        // folder under it (as `vmc serve --data data` has it), every second of every recording was a file-change event
        // and a handful of strings, most of the server's garbage at a thousand calls.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture,
            $"http://{Host(_configuration.Server.HttpAddress)}:{_configuration.Server.HttpPort}"));
        var web = builder.Build();
        web.MapGet("/health", () =>
        {
            var live = Live.Current;
            var body = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["status"] = Admission.Closed ? "stopping" : live is null ? "no-program" : "ok",
                ["live"] = live?.Version.ToString(),
                ["calls"] = Admission.Active,
                // Still 200 when full: calls are answered and messages collected; only new ones are refused.
                ["storage"] = _store?.IsFull == true ? "full" : _diskAlarm.Level.ToString().ToLowerInvariant(),
            });
            return Results.Text(body, "application/json", statusCode: Admission.Closed || live is null ? 503 : 200);
        });
        // ?restart_media_window: the media gauges of the window just ended, then a new window (the load benchmark's steps).
        web.MapGet("/metrics", (HttpRequest request) =>
        {
            var text = Metrics.ToPrometheus(Admission.Active, Live.Current?.Version.Number ?? 0, _store?.IsFull == true, _store?.FreeBytes);
            if (request.Query.ContainsKey("restart_media_window"))
                Metrics.RestartMediaWindow();
            return Results.Text(text, "text/plain; version=0.0.4");
        });
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        _web = web;
        HealthUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{Host(_configuration.Server.HttpAddress)}:{_configuration.Server.HttpPort}/health"));
    }

    private static string Host(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
}
