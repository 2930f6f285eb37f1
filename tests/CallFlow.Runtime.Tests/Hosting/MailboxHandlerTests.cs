using System.Collections.Frozen;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Mailbox;
using CallFlow.Runtime.Channels.Scripted;
using CallFlow.Runtime.Hosting.Mailboxes;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Tests.Hosting;

/// <summary>Leave Mail, Listen, Record Name and voicemail codes performed against a real store on a scripted call.</summary>
public sealed class MailboxHandlerTests : IDisposable
{
    private const string Flows = """
        start default leave {
            leave_mail caller {
                on Success -> disconnect
                on Failure { speak_text "Reception." -> disconnect }
            }
        }
        start default collect {
            get_mail caller { pin "$" } -> disconnect
        }
        start shortcode "*50" {
            listen "Sales" { beep false } -> disconnect
        }
        start shortcode "*51" {
            record_name caller -> disconnect
        }
        """;

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callflow-mailbox-host-");
    private readonly LoadedProgram _program;
    private readonly ScriptedClock _clock = new();
    private readonly SqliteMailboxStore _store;
    private readonly MailboxPolicy _policy;

    public MailboxHandlerTests()
    {
        var compilation = Compilation.Create([new SourceText("flows.vflow", Flows)]);
        _program = new LoadedProgram(compilation.EmitProgram() ?? throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics)));
        var ids = 0;
        _store = SqliteMailboxStore.Open(_data.FullName, new MailboxStoreOptions { Clock = _clock, NewMessageId = () => $"m{++ids:D4}", CodeHashIterations = 1000 });
        _policy = new MailboxPolicy
        {
            Breakout = new BreakoutNumbers(Dtmf0: "200"),
            Mailboxes = new[]
            {
                new MailboxOwner("Alice", false) { Extension = "201", TrustedNumbers = ["07700900001"] },
                new MailboxOwner("Bob", false) { Extension = "202" },
                new MailboxOwner("Sales", true) { Extension = "300", Members = ["Alice", "Bob"], Broadcast = true },
            }.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal),
        };
        foreach (var owner in _policy.Mailboxes.Values)
            _store.EnsureMailboxAsync(owner.Name, owner.IsGroup ? MailboxKind.HuntGroup : MailboxKind.User).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _store.Dispose();
        _data.Delete(recursive: true);
    }

    private (string Transcript, Step Final) Call(string plan, MailboxMode mode = MailboxMode.Intuity)
    {
        var policy = mode == MailboxMode.Intuity ? _policy : _policy with { Mode = mode, MinMessageLength = TimeSpan.Zero };
        var host = new ScriptedHost(_program, new MachineOptions()) { Handlers = [new MailboxRequestHandler(_store, policy)], Clock = _clock };
        var (parsed, errors) = CallPlan.Parse(plan, "test.plan");
        Assert.Empty(errors);
        return host.Run(parsed!);
    }

    private IReadOnlyList<MessageInfo> Messages(string mailbox) =>
        _store.ListMessagesAsync(mailbox, MessageState.New).GetAwaiter().GetResult();

    [Fact]
    public void A_message_is_recorded_into_the_mailbox_and_lights_the_lamp()
    {
        var (transcript, final) = Call("call from 01632960123 to mailbox Alice leave\ntalk 20s\npress #\n");
        Assert.Equal(EndReason.Disconnected, final.EndReason);
        var message = Assert.Single(Messages("Alice"));
        Assert.Equal(TimeSpan.FromSeconds(20), message.Duration);
        Assert.Equal("01632960123", message.CallerNumber);
        Assert.Contains("message m0001 for Alice: 20.0s from 01632960123", transcript);
        Assert.Contains("message waiting: Alice has 1 new", transcript);
        Assert.Contains("play system(message_saved)", transcript);
    }

    [Fact]
    public void A_caller_who_hangs_up_while_recording_still_leaves_the_message()
    {
        var (_, final) = Call("call from 01632960123 to mailbox Bob leave\ntalk 12s\nhangup\n");
        Assert.Equal(EndReason.CallerHungUp, final.EndReason);
        Assert.Equal(TimeSpan.FromSeconds(12), Assert.Single(Messages("Bob")).Duration);
    }

    [Fact]
    public void Intuity_discards_a_message_shorter_than_three_seconds()
    {
        var (transcript, _) = Call("call from 01632960123 to mailbox Bob leave\ntalk 2s\npress #\n");
        Assert.Empty(Messages("Bob"));
        Assert.Contains("shorter than 3.0s: discarded", transcript);
        Assert.Contains("result Failure", transcript);
    }

    [Fact]
    public void Intuity_sends_0_during_the_greeting_to_the_breakout_number()
    {
        var (transcript, final) = Call("call from 01632960123 to mailbox Alice leave\npress 0\n");
        Assert.Equal(EndReason.Transferred, final.EndReason);
        Assert.Contains("breakout 0: transfer to 200", transcript);
        Assert.Empty(Messages("Alice"));
    }

    [Fact]
    public void A_group_that_broadcasts_gives_every_member_a_copy_and_keeps_none()
    {
        var (transcript, _) = Call("call from 01632960123 to mailbox Sales leave\ntalk 5s\npress #\n");
        Assert.Empty(Messages("Sales"));
        Assert.Single(Messages("Alice"));
        Assert.Single(Messages("Bob"));
        Assert.Contains("broadcast to Alice, Bob", transcript);
    }

    [Fact]
    public void Listen_keeps_a_recording_in_the_mailbox()
    {
        Call("call from 201 to *50\ntalk 4s\npress #\n");
        var recording = Assert.Single(Messages("Sales"));
        Assert.Equal(MessageKind.Recording, recording.Kind);
    }

    [Fact]
    public async Task Record_name_stores_the_name_greeting_of_the_caller()
    {
        var (transcript, _) = Call("call from 202 to *51\ntalk 2s\npress #\n");
        Assert.Contains("name of Bob recorded: 2.0s", transcript);
        Assert.NotNull(await _store.GetGreetingPathAsync("Bob", GreetingSlots.Name));
    }

    [Fact]
    public void A_trusted_number_is_not_asked_for_the_code()
    {
        var (transcript, _) = Call("call from 07700900001 to mailbox Alice collect\n");
        Assert.Contains("trusted number of Alice: no code asked", transcript);
        Assert.DoesNotContain("enter_pin", transcript);
    }

    [Fact]
    public async Task The_right_code_opens_the_mailbox_and_wrong_ones_end_the_call()
    {
        await _store.SetCodeAsync("Bob", "4826");
        var (right, _) = Call("call from 01632960123 to mailbox Bob collect\npress 4826#\n");
        Assert.Contains("get_mail: Bob opened, IntuityMailbox runs", right);
        var (wrong, final) = Call("call from 01632960123 to mailbox Bob collect\npress 1111#\npress 2222#\npress 3333#\n");
        Assert.Equal(EndReason.WrongPin, final.EndReason);
        Assert.Contains("wrong code for Bob (3 in a row)", wrong);
    }

    [Fact]
    public void IP_Office_mode_takes_Failure_for_0_before_the_tone_and_Success_for_0_after_it()
    {
        var (before, _) = Call("call from 01632960123 to mailbox Alice leave\npress 0\n", MailboxMode.IpOffice);
        Assert.Contains("result Failure", before);
        Assert.Empty(Messages("Alice"));
        var (after, _) = Call("call from 01632960123 to mailbox Alice leave\nlisten\ntalk 6s\npress 0\n", MailboxMode.IpOffice);
        Assert.Contains("result Success", after);
        Assert.Equal(TimeSpan.FromSeconds(6), Assert.Single(Messages("Alice")).Duration);
    }
}
