using System.Collections.Frozen;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Mailbox;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Hosting.Mailboxes;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Tests.Hosting;

/// <summary>
/// A caller who wants to leave a message when the message store's disk is full is told so, and the flow goes on with
/// Leave Mail's Failure result (here: to reception) instead of the call failing.
/// </summary>
public sealed class StorageFullCallTests : IDisposable
{
    private const string Flows = """
        start default leave {
            leave_mail caller {
                on Success -> disconnect
                on Failure { speak_text "Reception." -> disconnect }
            }
        }
        """;

    private readonly SmallFileSystem _disk = new(kilobytes: 4096);
    private readonly ScriptedClock _clock = new();
    private readonly SqliteMailboxStore _store;

    public StorageFullCallTests()
    {
        var ids = 0;
        _store = SqliteMailboxStore.Open(Path.Combine(_disk.Path, "data"),
            new MailboxStoreOptions { Clock = _clock, NewMessageId = () => $"m{++ids:D4}", CodeHashIterations = 1000 });
        _store.EnsureMailboxAsync("Alice").GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _store.Dispose();
        _disk.Dispose();
    }

    /// <summary>Runs a scripted call (<paramref name="plan"/>) through the flows with the mailbox actions on the store.</summary>
    private (string Transcript, Step Final) Call(string plan)
    {
        var compilation = Compilation.Create([new SourceText("flows.vflow", Flows)]);
        var program = new LoadedProgram(compilation.EmitProgram() ?? throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics)));
        var policy = new MailboxPolicy
        {
            Mailboxes = new[] { new MailboxOwner("Alice", false) { Extension = "201" } }.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal),
        };
        var host = new ScriptedHost(program, new MachineOptions()) { Handlers = [new MailboxRequestHandler(_store, policy)], Clock = _clock };
        var (parsed, errors) = CallPlan.Parse(plan, "test.plan");
        Assert.Empty(errors);
        return host.Run(parsed!);
    }

    [Fact]
    public async Task Leave_Mail_on_a_full_disk_tells_the_caller_and_takes_Failure()
    {
        _disk.Fill();
        var (transcript, final) = Call("call from 01632960123 to mailbox Alice leave\ntalk 20s\npress #\n");

        Assert.Equal(EndReason.Disconnected, final.EndReason);
        Assert.Contains("leave_mail: the file system of the data directory", transcript);
        Assert.Contains("play system(cannot_take_messages)", transcript);
        Assert.Contains("Reception.", transcript);
        Assert.True(_store.IsFull);
        Assert.Empty(await _store.ListMessagesAsync("Alice", MessageState.New));
    }

    [Fact]
    public async Task A_message_the_disk_fills_during_is_cut_short_kept_and_the_caller_told_it_was_saved()
    {
        _disk.Fill(leaveBytes: 96 * 1024);   // room for about 12 s of audio
        var (transcript, final) = Call("call from 01632960123 to mailbox Alice leave\ntalk 60s\npress #\n");

        Assert.Equal(EndReason.Disconnected, final.EndReason);
        Assert.Contains("ended by the store taking no more audio", transcript);
        Assert.Contains("(cut short: the message store's disk is full)", transcript);
        Assert.Contains("play system(message_saved)", transcript);
        var message = Assert.Single(await _store.ListMessagesAsync("Alice", MessageState.New));
        Assert.InRange(message.Duration, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(13));
        Assert.True(_store.IsFull);
    }
}
