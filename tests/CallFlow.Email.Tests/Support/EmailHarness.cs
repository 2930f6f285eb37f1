using System.Diagnostics;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Configuration;
using CallFlow.Email.Sending;
using CallFlow.Mailbox;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Hosting.Mailboxes;
using CallFlow.Runtime.Vm;

namespace CallFlow.Email.Tests.Support;

/// <summary>
/// A CallFlow site for one test: callflow.json text (with the test servers' ports), the mailbox store in a temp folder,
/// the test flows, calls run by the scripted host with the mailbox and eMail handlers, and an outbox worker.
/// </summary>
internal sealed class EmailHarness : IAsyncDisposable
{
    /// <summary>Leave Mail for the called mailbox; *60 leaves a message for Bob then e-mails it; *61 e-mails a prompt file.</summary>
    public const string Flows = """
        start default leave {
            leave_mail caller {
                on Success -> disconnect
                on Failure -> disconnect
            }
        }
        start shortcode "*60" {
            Leave: leave_mail "Bob" {
                on Success -> Mail
                on Failure -> disconnect
            }
            Mail: email "night@partner.example" { subject "Message from $CLI"; body "Left for Bob by $CLI"; attach "$" } -> disconnect
        }
        start shortcode "*61" {
            email "files@example.com" { subject "Today's announcement"; body "See the attachment."; attach "announcements/today.wav" } -> disconnect
        }
        """;

    private static readonly Lazy<LoadedProgram> Program = new(() =>
    {
        var compilation = Compilation.Create([new SourceText("flows.vflow", Flows)]);
        return new LoadedProgram(compilation.EmitProgram() ?? throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics)));
    });

    private int _ids;

    /// <summary>A site whose callflow.json has <paramref name="email"/> as its email section (null: none).</summary>
    public EmailHarness(string? email, TimeProvider? clock = null, string users = DefaultUsers)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("callflow-email-").FullName;
        PromptDirectory = Path.Combine(Directory, "prompts");
        var json = $$"""{ "system": { "min_message_length": 3 }, {{users}}{{(email is null ? "" : $", \"email\": {email}")}} }""";
        var result = ConfigurationLoader.Parse(json, Path.Combine(Directory, "callflow.json"));
        Configuration = result.Configuration ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        Clock = clock ?? TimeProvider.System;
        Store = SqliteMailboxStore.Open(Path.Combine(Directory, "data"), MailboxPolicyFactory.StoreOptions(Configuration, Clock, () => $"m{Interlocked.Increment(ref _ids):D4}")
            with { Log = Log });
        Policy = MailboxPolicyFactory.Create(Configuration, sendsEmail: true);
        foreach (var owner in Policy.Mailboxes.Values)
            Store.EnsureMailboxAsync(owner.Name, owner.IsGroup ? MailboxKind.HuntGroup : MailboxKind.User).GetAwaiter().GetResult();
    }

    public const string DefaultUsers = """
        "users": [
            { "name": "Alice", "extension": "201", "email": "alice@acme.example", "email_mode": "copy" },
            { "name": "Bob", "extension": "202", "email": "bob@acme.example", "email_mode": "off" },
            { "name": "Carol", "extension": "203", "email": "carol@acme.example", "email_mode": "forward" },
            { "name": "Dave", "extension": "204", "email": "dave@acme.example", "email_mode": "alert" },
        ]
        """;

    public string Directory { get; }

    public string PromptDirectory { get; }

    public CallFlowConfiguration Configuration { get; }

    public TimeProvider Clock { get; }

    public SqliteMailboxStore Store { get; private set; }

    public MailboxPolicy Policy { get; }

    public List<string> LogLines { get; } = [];

    /// <summary>An email section with one sender per port: the first the default, each next one for <c>partner.example</c>.</summary>
    public static string EmailSection(int port, string extra = "", string sender = "", string retry = """{ "attempts": 5, "first_delay_seconds": 1, "max_delay_seconds": 2 }""") => $$"""
        { "senders": [ { "domains": ["acme.example"], "host": "127.0.0.1", "port": {{port}}, "sender": "voicemail@acme.example", "sender_name": "Acme Voicemail"{{sender}} } ],
          "retry": {{retry}}, "timeout_seconds": 5{{extra}} }
        """;

    /// <summary>Runs one call plan; returns the transcript and how long it took on the wall clock.</summary>
    public (string Transcript, TimeSpan Elapsed) Call(string plan)
    {
        var host = new ScriptedHost(Program.Value, new MachineOptions())
        {
            Handlers = [new MailboxRequestHandler(Store, Policy), new EmailRequestHandler(Store, PromptDirectory)],
        };
        var (parsed, errors) = CallPlan.Parse(plan, "test.plan");
        if (parsed is null)
            throw new InvalidOperationException(string.Join("\n", errors));
        var watch = Stopwatch.StartNew();
        var (transcript, _) = host.Run(parsed);
        return (transcript, watch.Elapsed);
    }

    /// <summary>A caller leaving <paramref name="seconds"/> of message in <paramref name="mailbox"/>.</summary>
    public (string Transcript, TimeSpan Elapsed) Leave(string mailbox, int seconds = 5, string caller = "01632960123") =>
        Call($"call from {caller} to mailbox {mailbox} leave\ntalk {seconds}s\npress #\n");

    public OutboxWorker Worker(TimeProvider? clock = null, int? concurrency = null) =>
        new(Store, new EmailSender(Configuration.Email, Directory), OutboxWorkerOptions.For(Configuration.Email, clock ?? Clock, Log) with
        {
            Concurrency = concurrency ?? Configuration.Email.Concurrency,
            PollInterval = TimeSpan.FromSeconds(1),
        });

    public SqliteMailboxStore Reopen()
    {
        Store.Dispose();
        Store = SqliteMailboxStore.Open(Path.Combine(Directory, "data"), MailboxPolicyFactory.StoreOptions(Configuration, Clock) with { Log = Log });
        return Store;
    }

    /// <summary>The audio file of a message, whole (header and samples), as the store keeps it.</summary>
    public async Task<byte[]> MessageFileAsync(string messageId)
    {
        using var playback = await Store.OpenPlaybackAsync(messageId) ?? throw new InvalidOperationException($"{messageId} is gone");
        return await File.ReadAllBytesAsync(playback.AudioPath);
    }

    /// <summary>Polls until <paramref name="done"/> or the timeout; returns whether it came true.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
                return true;
            await Task.Delay(50);
        }
        return await done();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Log(string line)
    {
        lock (LogLines)
            LogLines.Add(line);
    }
}
