using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CallFlow.Cli.Output;
using CallFlow.Configuration;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mailbox show &lt;name&gt; [--format text|json]</c>: a mailbox's settings from the configuration and its
/// messages from the store, each state in the configured playback order, times in the configured time zone.
/// </summary>
public sealed class MailboxShowCommand(IOContext io)
{
    private static readonly MessageState[] States = [MessageState.New, MessageState.Unopened, MessageState.Old, MessageState.Saved, MessageState.Deleted];

    public static Command Create(IOContext io, MailboxOptions options)
    {
        var name = new Argument<string>("name") { Description = "the mailbox (user or group Name, case-sensitive)" };
        var format = new Option<string>("--format") { Description = "output format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("show", "Show a mailbox's settings and messages") { name, format };
        command.SetAction((parseResult, ct) =>
            new MailboxShowCommand(io).RunAsync(options.Read(parseResult), parseResult.GetValue(name)!, parseResult.GetValue(format)!, ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, string input, string format, CancellationToken cancellationToken)
    {
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: false);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            if (await MailboxLookup.ResolveAsync(io, environment, input, cancellationToken) is not { } name)
                return ExitCodes.UsageOrIo;
            var stored = environment.Store is null ? null : await environment.Store.GetMailboxAsync(name, cancellationToken);
            var messages = stored is null ? [] : await ReadMessagesAsync(environment, name, cancellationToken);
            var details = new Details(name, await environment.KindOfAsync(name, cancellationToken), environment.Configuration.FindUser(name),
                environment.Configuration.FindGroup(name), stored, messages);
            if (format == "json")
                WriteJson(environment, details);
            else
                WriteText(environment, details);
            return ExitCodes.Success;
        }
    }

    private static async Task<List<MessageInfo>> ReadMessagesAsync(MailboxEnvironment environment, string name, CancellationToken cancellationToken)
    {
        var orders = environment.Configuration.System.PlaybackOrder;
        var messages = new List<MessageInfo>();
        foreach (var state in States)
        {
            var direction = state switch
            {
                MessageState.New => orders.New,
                MessageState.Unopened => orders.Unopened,
                MessageState.Old => orders.Old,
                MessageState.Saved => orders.Saved,
                _ => orders.Deleted,
            };
            var order = direction == PlaybackDirection.Lifo ? PlaybackOrder.Lifo : PlaybackOrder.Fifo;
            messages.AddRange(await environment.Store!.ListMessagesAsync(name, state, order, cancellationToken));
        }
        return messages;
    }

    private void WriteText(MailboxEnvironment environment, Details d)
    {
        var output = io.Output;
        var extension = d.User?.Extension ?? d.Group?.Extension;
        output.WriteLine($"{d.Name} ({MailboxText.Kind(d.Kind)}{(extension is null ? "" : ", extension " + extension)})");
        var settings = new List<(string Label, string Value)>();
        if (d.User is { } user)
        {
            if (user.FullName is not null)
                settings.Add(("full name", user.FullName));
            settings.Add(("voicemail", MailboxText.OnOff(user.VoicemailOn)));
            settings.Add(("voicemail help", MailboxText.OnOff(user.VoicemailHelp)));
            settings.Add(("ringback", MailboxText.OnOff(user.Ringback)));
            settings.Add(("e-mail", Email(user.Email, user.EmailMode)));
            settings.Add(("breakout", MailboxText.Breakout(environment.Configuration.BreakoutFor(user))));
            settings.Add(("source numbers", user.SourceNumbers.IsEmpty ? "none" : string.Join(", ", user.SourceNumbers.Select(MailboxText.SourceNumber))));
        }
        else if (d.Group is { } group)
        {
            settings.Add(("members", group.Members.IsEmpty ? "none" : string.Join(", ", group.Members)));
            settings.Add(("broadcast", MailboxText.OnOff(group.Broadcast)));
            settings.Add(("e-mail", Email(group.Email, group.EmailMode)));
        }
        else
        {
            settings.Add(("configuration", "not configured: only the store knows this mailbox"));
        }
        settings.Add(("voicemail code", d.Stored switch
        {
            null => "not set",
            { LockedUntilUtc: { } until } => $"set; locked after wrong entries until {MailboxText.Time(until, environment.TimeZone)} ({environment.Configuration.System.TimeZone})",
            { HasCode: true } => "set",
            _ => "not set (remote access is refused)",
        }));
        settings.Add(("store", d.Stored is null
            ? "not provisioned: run 'vmc mailbox provision'"
            : $"provisioned {MailboxText.Time(d.Stored.CreatedUtc, environment.TimeZone)} ({environment.Configuration.System.TimeZone})"));
        var width = settings.Max(s => s.Label.Length) + 1;
        foreach (var (label, value) in settings)
            output.WriteLine($"  {(label + ":").PadRight(width)}  {value}");

        output.WriteLine();
        output.WriteLine($"Messages: {MailboxText.Plural(d.Messages.Count, "message")}" +
            (d.Messages.Count == 0 ? "" : " (" + string.Join(", ", States.Select(s => $"{MailboxText.Number(d.Messages.Count(m => m.State == s))} {MailboxText.State(s)}")) + ")"));
        if (d.Messages.Count == 0)
            return;
        var table = new TextTable("ID", "STATE", "CALLER", $"RECEIVED ({environment.Configuration.System.TimeZone})", "LENGTH");
        table.RightAligned.Add(4);
        foreach (var message in d.Messages)
            table.Add(message.Id, StateText(message), Caller(message), MailboxText.Time(message.ReceivedUtc, environment.TimeZone), MailboxText.Duration(message.Duration));
        table.WriteTo(output);
    }

    private void WriteJson(MailboxEnvironment environment, Details d)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", d.Name);
            json.WriteString("kind", MailboxText.Kind(d.Kind));
            json.WriteBoolean("configured", d.User is not null || d.Group is not null);
            json.WriteBoolean("provisioned", d.Stored is not null);
            json.WriteString("extension", d.User?.Extension ?? d.Group?.Extension);
            if (d.User is { } user)
            {
                json.WriteString("full_name", user.FullName);
                json.WriteBoolean("voicemail_on", user.VoicemailOn);
                json.WriteBoolean("voicemail_help", user.VoicemailHelp);
                json.WriteBoolean("ringback", user.Ringback);
                json.WriteString("email", user.Email);
                json.WriteString("email_mode", MailboxText.EmailMode(user.EmailMode));
                var breakout = environment.Configuration.BreakoutFor(user);
                json.WriteStartObject("breakout");
                json.WriteString("dtmf0", breakout.Dtmf0);
                json.WriteString("dtmf2", breakout.Dtmf2);
                json.WriteString("dtmf3", breakout.Dtmf3);
                json.WriteEndObject();
                json.WriteStartArray("source_numbers");
                foreach (var number in user.SourceNumbers)
                    json.WriteStringValue(number.ToString());
                json.WriteEndArray();
            }
            if (d.Group is { } group)
            {
                json.WriteStartArray("members");
                foreach (var member in group.Members)
                    json.WriteStringValue(member);
                json.WriteEndArray();
                json.WriteBoolean("broadcast", group.Broadcast);
                json.WriteString("email", group.Email);
                json.WriteString("email_mode", MailboxText.EmailMode(group.EmailMode));
            }
            json.WriteBoolean("has_code", d.Stored?.HasCode ?? false);
            json.WriteString("time_zone", environment.Configuration.System.TimeZone);
            json.WriteStartArray("messages");
            foreach (var message in d.Messages)
            {
                json.WriteStartObject();
                json.WriteString("id", message.Id);
                json.WriteString("state", MailboxText.State(message.State));
                json.WriteString("kind", message.Kind == MessageKind.Recording ? "recording" : "message");
                json.WriteString("caller_number", message.CallerNumber);
                json.WriteString("caller_name", message.CallerName);
                json.WriteString("received", TimeZoneInfo.ConvertTime(message.ReceivedUtc, environment.TimeZone));
                json.WriteNumber("duration_ms", (long)message.Duration.TotalMilliseconds);
                json.WriteBoolean("priority", message.Priority);
                json.WriteBoolean("private", message.Private);
                json.WriteString("forwarded_from", message.ForwardedFrom);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        io.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Email(string? address, EmailMode mode) =>
        address is null ? "none" : $"{address} ({MailboxText.EmailMode(mode)})";

    private static string StateText(MessageInfo message)
    {
        var flags = new List<string> { MailboxText.State(message.State) };
        if (message.Kind == MessageKind.Recording)
            flags.Add("recording");
        if (message.Priority)
            flags.Add("priority");
        if (message.Private)
            flags.Add("private");
        if (message.ForwardedFrom is { } from)
            flags.Add("from " + from);
        return string.Join(", ", flags);
    }

    private static string Caller(MessageInfo message) => (message.CallerNumber, message.CallerName) switch
    {
        (null, null) => "unknown",
        ({ } number, null) => number,
        (null, { } name) => name,
        var (number, name) => $"{number} ({name})",
    };

    private sealed record Details(string Name, MailboxKind Kind, UserConfiguration? User, GroupConfiguration? Group, MailboxInfo? Stored, List<MessageInfo> Messages);
}
