using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using CallFlow.Cli.Output;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mailbox list [--format text|json]</c>: every mailbox of the configuration and of the store, by name, with
/// its message counts; a configured mailbox the store lacks is "not provisioned", a stored one the configuration
/// lacks is "not configured".
/// </summary>
public sealed class MailboxListCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var format = new Option<string>("--format") { Description = "output format: text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("list", "List every mailbox with its new, old and saved messages") { format };
        command.SetAction((parseResult, ct) => new MailboxListCommand(io).RunAsync(options.Read(parseResult), parseResult.GetValue(format)!, ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, string format, CancellationToken cancellationToken)
    {
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: false);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            var rows = await ReadRowsAsync(environment, cancellationToken);
            if (format == "json")
                WriteJson(environment, rows);
            else
                WriteText(environment, rows);
            return ExitCodes.Success;
        }
    }

    private static async Task<List<Row>> ReadRowsAsync(MailboxEnvironment environment, CancellationToken cancellationToken)
    {
        var config = environment.Configuration;
        var stored = environment.Store is null ? [] : await environment.Store.ListMailboxesAsync(cancellationToken);
        var rows = new List<Row>();
        foreach (var name in await environment.AllNamesAsync(cancellationToken))
        {
            var user = config.FindUser(name);
            var group = config.FindGroup(name);
            var inStore = stored.FirstOrDefault(m => m.Name == name);
            var kind = group is not null ? MailboxKind.HuntGroup : user is not null ? MailboxKind.User : inStore!.Kind;
            var counts = inStore is null ? null : await environment.Store!.GetCountsAsync(name, cancellationToken);
            rows.Add(new Row(name, kind, user?.Extension ?? group?.Extension, user is not null || group is not null, counts));
        }
        return rows;
    }

    private void WriteText(MailboxEnvironment environment, List<Row> rows)
    {
        var table = new TextTable("NAME", "KIND", "EXT", "NEW", "UNOPENED", "OLD", "SAVED", "DELETED", "NOTE");
        foreach (var i in new[] { 3, 4, 5, 6, 7 })
            table.RightAligned.Add(i);
        foreach (var row in rows)
        {
            string Count(Func<MessageCounts, int> pick) => row.Counts is null ? "-" : MailboxText.Number(pick(row.Counts));
            var note = row.Counts is null ? "not provisioned" : row.Configured ? "" : "not configured";
            table.Add(row.Name, MailboxText.Kind(row.Kind), row.Extension ?? "", Count(c => c.New), Count(c => c.Unopened), Count(c => c.Old),
                Count(c => c.Saved), Count(c => c.Deleted), note);
        }
        if (rows.Count > 0)
            table.WriteTo(io.Output);

        var summary = $"{MailboxText.Plural(rows.Count, "mailbox", "mailboxes")} " +
            $"(configuration: {environment.ConfigDisplay ?? "none, defaults"}; store: {Display(environment.DataDirectory)}{(environment.Store is null ? ", not created yet" : "")})";
        io.Output.WriteLine(summary);
        var unprovisioned = rows.Count(r => r.Counts is null);
        if (unprovisioned > 0)
            io.Output.WriteLine($"{MailboxText.Number(unprovisioned)} not provisioned: run 'vmc mailbox provision' to create them in the store");
    }

    private void WriteJson(MailboxEnvironment environment, List<Row> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("config", environment.ConfigDisplay);
            json.WriteString("data", environment.DataDirectory);
            json.WriteStartArray("mailboxes");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Name);
                json.WriteString("kind", MailboxText.Kind(row.Kind));
                json.WriteString("extension", row.Extension);
                json.WriteBoolean("configured", row.Configured);
                json.WriteBoolean("provisioned", row.Counts is not null);
                WriteCount("new", row.Counts?.New);
                WriteCount("unopened", row.Counts?.Unopened);
                WriteCount("old", row.Counts?.Old);
                WriteCount("saved", row.Counts?.Saved);
                WriteCount("deleted", row.Counts?.Deleted);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            void WriteCount(string name, int? value)
            {
                if (value is { } count)
                    json.WriteNumber(name, count);
                else
                    json.WriteNull(name);
            }
        }
        io.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private string Display(string path)
    {
        var relative = Path.GetRelativePath(io.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }

    private sealed record Row(string Name, MailboxKind Kind, string? Extension, bool Configured, MessageCounts? Counts);
}
