using System.CommandLine;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mail list|retry|send</c>: the e-mail outbox of the mailbox store (docs/email.md). Like <c>vmc mailbox</c>, it
/// needs the store to itself, so it runs while the server is stopped. Exit 0 on success; 1 when the configuration has
/// errors or names no SMTP sender (send); 2 for usage errors or an unknown e-mail; 3 when the store cannot be opened,
/// or when an e-mail could not be sent (send).
/// </summary>
public static class MailCommand
{
    public static Command Create(IOContext io)
    {
        var options = MailboxOptions.Create();
        return new Command("mail", "Show, retry and send the e-mail outbox (voicemail e-mail and the eMail action)")
        {
            options.Config,
            options.Data,
            MailListCommand.Create(io, options),
            MailRetryCommand.Create(io, options),
            MailSendCommand.Create(io, options),
        };
    }
}
