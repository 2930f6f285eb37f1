using System.CommandLine;

namespace CallFlow.Cli.Commands;

/// <summary>--config and --data, declared once on <c>vmc mailbox</c> and inherited by every subcommand.</summary>
public sealed record MailboxOptions(Option<string?> Config, Option<string?> Data)
{
    public static MailboxOptions Create() => new(
        new Option<string?>("--config") { Description = "the configuration file (default: ./callflow.json if present, else every default)", Recursive = true },
        new Option<string?>("--data") { Description = "the mailbox store's data directory (default: data_directory of the configuration)", Recursive = true });

    public MailboxArguments Read(ParseResult parseResult) => new(parseResult.GetValue(Config), parseResult.GetValue(Data));
}
