using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CallFlow.Cli.Output;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mail list [--format text|json]</c>: every e-mail of the outbox with its state, attempts, next attempt (in the
/// configured time zone) and the last error, then a count per state.
/// </summary>
public sealed class MailListCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var format = new Option<string>("--format") { Description = "output format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List the outbox: state, attempts, next attempt and last error of every e-mail") { format };
        command.SetAction((parseResult, ct) => new MailListCommand(io).RunAsync(options.Read(parseResult), parseResult.GetValue(format)!, ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, string format, CancellationToken cancellationToken)
    {
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: false);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            IReadOnlyList<OutboxEmail> emails = environment.Store is null ? [] : await environment.Store.ListEmailsAsync(cancellationToken);
            if (format == "json")
                WriteJson(environment, emails);
            else
                WriteText(environment, emails);
            return ExitCodes.Success;
        }
    }

    private void WriteText(MailboxEnvironment environment, IReadOnlyList<OutboxEmail> emails)
    {
        var zone = environment.TimeZone;
        var table = new TextTable("ID", "STATE", "KIND", "TO", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR");
        table.RightAligned.Add(0);
        table.RightAligned.Add(4);
        foreach (var email in emails)
        {
            var when = email.State switch
            {
                OutboxState.Queued => MailboxText.Time(email.NextAttemptUtc, zone),
                OutboxState.Sent => $"sent {MailboxText.Time(email.SentUtc ?? email.NextAttemptUtc, zone)}",
                _ => "-",
            };
            table.Add(email.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), MailboxText.State(email.State), MailboxText.Kind(email.Kind),
                email.To, MailboxText.Number(email.Attempts), when, Shorten(email.LastError ?? ""));
        }
        if (emails.Count > 0)
            table.WriteTo(io.Output);
        int Count(OutboxState state) => emails.Count(e => e.State == state);
        io.Output.WriteLine($"{MailboxText.Plural(emails.Count, "e-mail")}: {MailboxText.Number(Count(OutboxState.Queued))} queued, " +
            $"{MailboxText.Number(Count(OutboxState.Sent))} sent, {MailboxText.Number(Count(OutboxState.Failed))} failed" +
            (environment.Store is null ? " (no store yet)" : ""));
    }

    private void WriteJson(MailboxEnvironment environment, IReadOnlyList<OutboxEmail> emails)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("data", environment.DataDirectory);
            json.WriteStartArray("emails");
            foreach (var email in emails)
            {
                json.WriteStartObject();
                json.WriteNumber("id", email.Id);
                json.WriteString("state", MailboxText.State(email.State));
                json.WriteString("kind", MailboxText.Kind(email.Kind));
                json.WriteString("to", email.To);
                json.WriteString("subject", email.Subject);
                json.WriteString("attachment", email.AttachmentMessageId ?? email.AttachmentFile);
                json.WriteBoolean("delete_message_when_sent", email.DeleteMessageWhenSent);
                json.WriteNumber("attempts", email.Attempts);
                json.WriteString("queued", email.QueuedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("next_attempt", email.State == OutboxState.Queued ? email.NextAttemptUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null);
                json.WriteString("sent", email.SentUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("last_error", email.LastError);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        io.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>A terminal line is short; the whole error is in the JSON.</summary>
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
