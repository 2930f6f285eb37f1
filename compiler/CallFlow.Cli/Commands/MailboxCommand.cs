using System.CommandLine;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mailbox list|show|import-greeting|reset-code|provision</c>: the mailboxes of callflow.json
/// (docs/configuration.md) and what the mailbox store (docs/mailbox-store.md) holds for them. Exit 0 on success;
/// 1 when the configuration has errors or a WAV file cannot be used; 2 for usage errors, an unknown mailbox, a code
/// that breaks the rules or an unreadable file; 3 when the store cannot be opened (another process has it open).
/// </summary>
public static class MailboxCommand
{
    public static Command Create(IOContext io)
    {
        var options = MailboxOptions.Create();
        return new Command("mailbox", "List, inspect and administer mailboxes: the configured ones and the store's")
        {
            options.Config,
            options.Data,
            MailboxListCommand.Create(io, options),
            MailboxShowCommand.Create(io, options),
            MailboxImportGreetingCommand.Create(io, options),
            MailboxResetCodeCommand.Create(io, options),
            MailboxProvisionCommand.Create(io, options),
        };
    }
}
