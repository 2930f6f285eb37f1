using System.Text.Json;
using CallFlow.Audio;
using CallFlow.Cli;
using CallFlow.Mailbox;

namespace CallFlow.Compiler.Tests.Cli;

/// <summary>
/// <c>vmc mailbox</c> against the samples' callflow.json and a store in a temporary folder. Messages are put in the
/// store first with a fixed clock and ids, so what `show` prints is exact.
/// </summary>
public sealed class MailboxCommandTests : IDisposable
{
    private const string SamplesConfig = "samples/callflow.json";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("callflow-mailbox-");

    private string Data => Path.Combine(_folder.FullName, "data");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>vmc mailbox … with the samples' configuration and the temporary store.</summary>
    private Task<(int ExitCode, string Output, string Error)> Mailbox(params string[] args) =>
        Vmc.Run(["mailbox", .. args, "--config", SamplesConfig, "--data", Data]);

    [Fact]
    public async Task List_shows_every_configured_mailbox_and_creates_nothing()
    {
        var (exitCode, output, error) = await Mailbox("list");
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var lines = output.Split('\n');
        Assert.Equal("NAME       KIND   EXT  NEW  UNOPENED  OLD  SAVED  DELETED  NOTE", lines[0]);
        Assert.Equal("Alice      user   201    -         -    -      -        -  not provisioned", lines[1]);
        Assert.Equal(["Alice", "Bob", "Carol", "Dana", "Eddie", "Reception", "Sales", "Support", "Warehouse"], lines[1..10].Select(l => l.Split(' ')[0]));
        Assert.StartsWith("9 mailboxes (configuration: samples/callflow.json; store: ", lines[10]);
        Assert.EndsWith(", not created yet)", lines[10]);
        Assert.Equal("9 not provisioned: run 'vmc mailbox provision' to create them in the store", lines[11]);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task Provision_creates_every_mailbox_once_with_its_kind()
    {
        var (exitCode, output, _) = await Mailbox("provision");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("created Alice (user)\ncreated Bob (user)\n", output);
        Assert.Contains("created Warehouse (group)\n", output);
        Assert.EndsWith("9 created, 0 changed, 0 already there\n", output);

        (exitCode, output, _) = await Mailbox("provision");
        Assert.Equal("0 created, 0 changed, 9 already there\n", output);

        await using (var store = SqliteMailboxStore.Open(Data))
        {
            Assert.Equal(MailboxKind.HuntGroup, (await store.GetMailboxAsync("Warehouse"))!.Kind);
            Assert.Equal(MailboxKind.User, (await store.GetMailboxAsync("Alice"))!.Kind);
            await store.EnsureMailboxAsync("Leaver");
            await store.EnsureMailboxAsync("Sales", MailboxKind.User);
        }
        (_, output, _) = await Mailbox("provision");
        Assert.Equal("changed Sales from user to group\n0 created, 1 changed, 8 already there\nnot in the configuration, left as they are: Leaver\n", output);
    }

    [Fact]
    public async Task List_counts_messages_and_marks_store_only_mailboxes()
    {
        await SeedAsync();
        var (exitCode, output, _) = await Mailbox("list");
        Assert.Equal(0, exitCode);
        Assert.Contains("\nAlice      user   201    1         0    1      0        0\n", output);
        Assert.Contains("\nBob        user   202    -         -    -      -        -  not provisioned\n", output);
        Assert.Contains("\nLeaver     user          0         0    0      0        0  not configured\n", output);
        Assert.Contains("10 mailboxes", output);
    }

    [Fact]
    public async Task List_as_json()
    {
        await SeedAsync();
        var (exitCode, output, _) = await Mailbox("list", "--format", "json");
        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("samples/callflow.json", document.RootElement.GetProperty("config").GetString());
        Assert.Equal(Data, document.RootElement.GetProperty("data").GetString());
        var mailboxes = document.RootElement.GetProperty("mailboxes").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(10, mailboxes.Count);
        var alice = mailboxes["Alice"];
        Assert.Equal(("user", "201", true, true, 1, 1), (alice.GetProperty("kind").GetString(), alice.GetProperty("extension").GetString(),
            alice.GetProperty("configured").GetBoolean(), alice.GetProperty("provisioned").GetBoolean(), alice.GetProperty("new").GetInt32(), alice.GetProperty("old").GetInt32()));
        Assert.Equal(JsonValueKind.Null, mailboxes["Bob"].GetProperty("new").ValueKind);
        Assert.False(mailboxes["Leaver"].GetProperty("configured").GetBoolean());
        Assert.Equal("group", mailboxes["Sales"].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Show_prints_settings_and_messages_in_the_configured_time_zone()
    {
        await SeedAsync();
        var (exitCode, output, error) = await Mailbox("show", "Alice");
        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        // 09:15 UTC on 1 July is 10:15 in London (BST); the table follows playback order, new before old.
        Assert.Equal("""
            Alice (user, extension 201)
              full name:       Alice Moore
              voicemail:       on
              voicemail help:  off
              ringback:        off
              e-mail:          alice.moore@acme-trading.example (copy)
              breakout:        0 → 200, 2 → none, 3 → none
              source numbers:  V07700900123 (trusted), HSales (group lamp)
              voicemail code:  not set (remote access is refused)
              store:           provisioned 2025-07-01 10:00:00 (Europe/London)

            Messages: 2 messages (1 new, 0 unopened, 1 old, 0 saved, 0 deleted)
            ID    STATE  CALLER                     RECEIVED (Europe/London)  LENGTH
            msg2  new    unknown                    2025-07-01 11:30:05         0:03
            msg1  old    01707364143 (Jane Caller)  2025-07-01 10:15:00         0:14

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task Show_a_group_and_as_json()
    {
        await SeedAsync();
        var (exitCode, output, _) = await Mailbox("show", "Warehouse");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("Warehouse (group, extension 302)\n  members:         Eddie, Carol\n  broadcast:       on\n", output);
        Assert.Contains("  store:           not provisioned: run 'vmc mailbox provision'\n", output);

        (exitCode, output, _) = await Mailbox("show", "Alice", "--format", "json");
        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("Europe/London", root.GetProperty("time_zone").GetString());
        Assert.Equal("200", root.GetProperty("breakout").GetProperty("dtmf0").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["msg2", "msg1"], messages.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("2025-07-01T10:15:00+01:00", messages[1].GetProperty("received").GetString());
        Assert.Equal(14_000, messages[1].GetProperty("duration_ms").GetInt64());
    }

    [Fact]
    public async Task Names_are_normalised_and_unknown_ones_get_close_suggestions()
    {
        await SeedAsync();
        Assert.Equal(0, (await Mailbox("show", "Alice  ")).ExitCode);

        var (exitCode, output, error) = await Mailbox("show", "alice");
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal("vmc: error: there is no mailbox 'alice'; did you mean 'Alice'?\n  hint: 'vmc mailbox list' shows every mailbox; names are case-sensitive\n", error);

        (exitCode, _, error) = await Mailbox("show", "Suport");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("vmc: error: there is no mailbox 'Suport'; did you mean 'Support'?", error);

        (exitCode, _, error) = await Mailbox("reset-code", "Nobody at all");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("vmc: error: there is no mailbox 'Nobody at all'\n", error);

        (exitCode, _, error) = await Mailbox("show", "   ");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("vmc: error: '   ' is not a mailbox name: a mailbox name must not be empty", error);
    }

    [Theory]
    [InlineData(AudioEncoding.MuLaw, "8 kHz mono µ-law, stored as it was")]
    [InlineData(AudioEncoding.ALaw, "8 kHz mono A-law, converted to µ-law")]
    [InlineData(AudioEncoding.Pcm16, "8 kHz mono 16-bit PCM, converted to µ-law")]
    public async Task Import_greeting_stores_telephony_audio_as_mu_law(AudioEncoding encoding, string description)
    {
        var format = AudioFormat.Telephony(encoding);
        var samples = Enumerable.Range(0, 12_000).Select(i => (short)(Math.Sin(i / 5.0) * 8000)).ToArray();
        var pcm = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, pcm);
        var encoded = new byte[SampleConverter.ConvertedLength(pcm.Length, AudioEncoding.Pcm16, encoding)];
        SampleConverter.Convert(pcm, AudioEncoding.Pcm16, encoded, encoding);
        var wav = Path.Combine(_folder.FullName, "greeting.wav");
        WavWriter.WriteFile(wav, format, encoded);

        var (exitCode, output, error) = await Mailbox("import-greeting", "Sales", wav, "--slot", "out-of-hours");
        Assert.Equal("", error);
        Assert.Equal(0, exitCode);
        Assert.Equal($"imported greeting 'out-of-hours' of Sales: 1.5 s, {description}\n", output);

        await using var store = SqliteMailboxStore.Open(Data);
        Assert.Equal(MailboxKind.HuntGroup, (await store.GetMailboxAsync("Sales"))!.Kind);
        var stored = await File.ReadAllBytesAsync((await store.GetGreetingPathAsync("Sales", "out-of-hours"))!);
        var info = WavReader.Read(stored);
        Assert.Equal(AudioFormat.Telephony(AudioEncoding.MuLaw), info.Format);
        Assert.Equal(SampleConverter.ToTelephonyMuLaw(encoded, format), info.GetData(stored).ToArray());
    }

    [Fact]
    public async Task Import_greeting_refuses_what_it_cannot_use()
    {
        var wideband = Path.Combine(_folder.FullName, "wideband.wav");
        WavWriter.WriteFile(wideband, new AudioFormat(AudioEncoding.Pcm16, 16000, 1), new byte[3200]);
        var (exitCode, output, error) = await Mailbox("import-greeting", "Sales", wideband);
        Assert.Equal((1, ""), (exitCode, output));
        Assert.Contains("the audio is 16000 Hz with 1 channel(s), but greetings must be 8000 Hz mono", error);
        Assert.Contains("hint: convert it first, e.g. sox in.wav -r 8000 -c 1 -e u-law out.wav", error);

        var stereo = Path.Combine(_folder.FullName, "stereo.wav");
        WavWriter.WriteFile(stereo, new AudioFormat(AudioEncoding.MuLaw, 8000, 2), new byte[1600]);
        Assert.Equal(1, (await Mailbox("import-greeting", "Sales", stereo)).ExitCode);

        var text = Path.Combine(_folder.FullName, "notes.wav");
        await File.WriteAllTextAsync(text, "this is not audio at all");
        (exitCode, _, error) = await Mailbox("import-greeting", "Sales", text);
        Assert.Equal(1, exitCode);
        Assert.Contains("notes.wav: error: the file starts with", error);

        var empty = Path.Combine(_folder.FullName, "empty.wav");
        WavWriter.WriteFile(empty, AudioFormat.Telephony(AudioEncoding.MuLaw), []);
        (exitCode, _, error) = await Mailbox("import-greeting", "Sales", empty);
        Assert.Equal(1, exitCode);
        Assert.Contains("the file holds no audio", error);

        (exitCode, _, error) = await Mailbox("import-greeting", "Sales", Path.Combine(_folder.FullName, "missing.wav"));
        Assert.Equal(2, exitCode);
        Assert.Contains("cannot read", error);

        (exitCode, _, error) = await Mailbox("import-greeting", "Sales", empty, "--slot", "../evil");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("vmc: error: '../evil' is not a greeting slot", error);
        Assert.False(Directory.Exists(Data), "nothing is created when the input is refused");
    }

    [Fact]
    public async Task Reset_code_checks_the_rules_then_sets_or_clears_the_code()
    {
        // The samples set min_password_length 4; Alice's extension is 201.
        foreach (var (code, reason) in new[]
        {
            ("258", "the code has 3 digits; min_password_length asks for at least 4"),
            ("4444", "the code repeats one digit"),
            ("3456", "the code is a run of consecutive digits"),
            ("98a7", "a voicemail code has digits only"),
        })
        {
            var (exitCode, _, error) = await Mailbox("reset-code", "Alice", "--code", code);
            Assert.Equal(2, exitCode);
            Assert.StartsWith($"vmc: error: {reason}\n", error);
        }

        var (ok, output, _) = await Mailbox("reset-code", "Alice", "--code", "2580");
        Assert.Equal((0, "set a new voicemail code for Alice\n"), (ok, output));
        await using (var store = SqliteMailboxStore.Open(Data))
        {
            Assert.True((await store.VerifyCodeAsync("Alice", "2580")).IsAccepted);
            for (var i = 0; i < 5; i++)
                await store.VerifyCodeAsync("Alice", "0000");
            Assert.Equal(CodeVerificationStatus.LockedOut, (await store.VerifyCodeAsync("Alice", "2580")).Status);
        }

        (ok, output, _) = await Mailbox("reset-code", "Alice");
        Assert.Equal((0, "cleared the voicemail code of Alice: it can only be reached from its own extension until a code is set\n"), (ok, output));
        await using (var store = SqliteMailboxStore.Open(Data))
            Assert.Equal(CodeVerificationStatus.NoCode, (await store.VerifyCodeAsync("Alice", "2580")).Status);
    }

    [Fact]
    public async Task The_extension_is_not_a_code()
    {
        var config = Path.Combine(_folder.FullName, "callflow.json");
        await File.WriteAllTextAsync(config, """{ "users": [ { "name": "Alice", "extension": "2468" } ] }""");
        var (exitCode, _, error) = await Vmc.Run("mailbox", "reset-code", "Alice", "--code", "2468", "--config", config, "--data", Data);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("vmc: error: the code is the mailbox's extension number", error);
    }

    [Fact]
    public async Task A_configuration_with_errors_is_reported_in_full_and_nothing_runs()
    {
        var config = Path.Combine(_folder.FullName, "callflow.json");
        await File.WriteAllTextAsync(config, "{\n  \"users\": [ { \"name\": \"Alice\", \"email_mode\": \"copy\" } ],\n  \"groups\": [ { \"name\": \"Sales\", \"members\": [\"Bob\"] } ]\n}\n");
        var (exitCode, output, error) = await RunIn(_folder.FullName, "mailbox", "provision");
        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            "callflow.json(2,47): error CFG304: users[0].email_mode: e-mail mode 'copy' needs an e-mail address\n" +
            "  hint: add \"email\", or set \"email_mode\" to \"off\"\n" +
            "callflow.json(3,46): error CFG303: groups[0].members[0]: there is no user 'Bob'\n" +
            "  hint: add it to \"users\" first\n" +
            "vmc: error: callflow.json has errors; fix them first\n", error);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task Warnings_are_printed_and_the_command_runs()
    {
        var config = Path.Combine(_folder.FullName, "callflow.json");
        await File.WriteAllTextAsync(config, """{ "users": [ { "name": "Alice  " } ] }""");
        var (exitCode, output, error) = await RunIn(_folder.FullName, "mailbox", "provision");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("callflow.json(1,24): warning CFG401: users[0].name: trailing spaces dropped", error);
        Assert.StartsWith("created Alice (user)\n", output);
    }

    [Fact]
    public async Task Callflow_json_in_the_working_directory_is_found_and_its_data_directory_used()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "callflow.json"), """{ "system": { "data_directory": "store" }, "users": [ { "name": "Alice" } ] }""");
        var (exitCode, output, _) = await RunIn(_folder.FullName, "mailbox", "provision");
        Assert.Equal((0, "created Alice (user)\n1 created, 0 changed, 0 already there\n"), (exitCode, output));
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "store", SqliteMailboxStore.DatabaseFileName)));
        (_, output, _) = await RunIn(_folder.FullName, "mailbox", "list");
        Assert.EndsWith("1 mailbox (configuration: callflow.json; store: store)\n", output);
    }

    [Fact]
    public async Task Without_a_configuration_the_defaults_apply_and_the_store_alone_is_listed()
    {
        await using (var store = SqliteMailboxStore.Open(Path.Combine(_folder.FullName, "data")))
            await store.EnsureMailboxAsync("Old Timer");
        var (exitCode, output, error) = await RunIn(_folder.FullName, "mailbox", "list");
        Assert.Equal((0, ""), (exitCode, error));
        Assert.Equal(
            "NAME       KIND  EXT  NEW  UNOPENED  OLD  SAVED  DELETED  NOTE\n" +
            "Old Timer  user         0         0    0      0        0  not configured\n" +
            "1 mailbox (configuration: none, defaults; store: data)\n", output);
    }

    [Fact]
    public async Task A_missing_configuration_file_is_a_usage_error()
    {
        var (exitCode, _, error) = await Vmc.Run("mailbox", "list", "--config", "no/such/callflow.json", "--data", Data);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("no/such/callflow.json: error CFG002: the configuration file '", error);
    }

    [Fact]
    public async Task A_store_open_elsewhere_is_an_environment_failure()
    {
        await using var store = SqliteMailboxStore.Open(Data);
        var (exitCode, _, error) = await Mailbox("list");
        Assert.Equal(3, exitCode);
        Assert.Contains("is open in another process", error);
    }

    [Fact]
    public async Task Mailbox_needs_a_subcommand()
    {
        var (exitCode, _, error) = await Vmc.Run("mailbox");
        Assert.Equal(2, exitCode);
        Assert.Contains("Required command was not provided", error);
    }

    /// <summary>Alice: an old message from 09:15 UTC and a new one, with no caller, from 10:30:05 UTC; plus a mailbox the configuration lacks.</summary>
    private async Task SeedAsync()
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.Zero));
        var ids = new Queue<string>(["msg1", "msg2"]);
        await using var store = SqliteMailboxStore.Open(Data, new MailboxStoreOptions { Clock = clock, NewMessageId = ids.Dequeue, CodeHashIterations = 1 });
        await store.EnsureMailboxAsync("Alice");
        await store.EnsureMailboxAsync("Leaver");

        clock.Now = clock.Now.AddMinutes(15);
        await using (var first = await store.BeginRecordingAsync(new RecordingRequest("Alice") { CallerNumber = "01707364143", CallerName = "Jane Caller" }))
        {
            first.Write(new byte[14 * 8000]);
            await store.MarkHeardAsync((await first.CommitAsync())!.Id);
        }
        clock.Now = new DateTimeOffset(2025, 7, 1, 10, 30, 5, TimeSpan.Zero);
        await using var second = await store.BeginRecordingAsync(new RecordingRequest("Alice"));
        second.Write(new byte[3 * 8000 + 500]);
        await second.CommitAsync();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunIn(string workingDirectory, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exitCode = await Program.RunAsync(new IOContext(output, error, workingDirectory), args);
        return (exitCode, output.ToString(), error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
