using System.CommandLine;
using CallFlow.Cli.Output;
using CallFlow.Email;
using CallFlow.Email.Sending;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mail send</c>: for an operator without a running server, runs the outbox worker once: every e-mail due now
/// is tried (each once), with the configured senders, retries and backoff; what fails waits for a later attempt or is
/// failed for good, exactly as the server would do. Exit 3 when any attempt failed.
/// </summary>
public sealed class MailSendCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var command = new Command("send", "Send every e-mail due now, once, then stop (for when no server is running)");
        command.SetAction((parseResult, ct) => new MailSendCommand(io).RunAsync(options.Read(parseResult), ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, CancellationToken cancellationToken)
    {
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: false);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            var settings = environment.Configuration.Email;
            if (!settings.Enabled)
            {
                io.Error.WriteLine($"vmc: error: {environment.ConfigDisplay ?? "the configuration"} names no SMTP sender (email.senders), so nothing can be sent");
                return ExitCodes.InputErrors;
            }
            if (environment.Store is not { } store)
            {
                io.Output.WriteLine("nothing to send (there is no store yet)");
                return ExitCodes.Success;
            }
            var sender = new EmailSender(settings, environment.Configuration.BaseDirectory ?? io.WorkingDirectory);
            var worker = new OutboxWorker(store, sender, OutboxWorkerOptions.For(settings, TimeProvider.System, io.Error.WriteLine));
            var summary = await worker.RunOnceAsync(cancellationToken);
            var waiting = (await store.ListEmailsAsync(cancellationToken)).Where(e => e.State == OutboxState.Queued).ToList();
            var next = waiting.Count == 0 ? "" : $"; next attempt {MailboxText.Time(waiting.Min(e => e.NextAttemptUtc), environment.TimeZone)}";
            io.Output.WriteLine($"{MailboxText.Number(summary.Sent)} sent, {MailboxText.Number(summary.Retrying)} to retry later, " +
                $"{MailboxText.Number(summary.Failed)} failed for good; {MailboxText.Plural(waiting.Count, "e-mail")} waiting{next}");
            return summary.Retrying + summary.Failed > 0 ? ExitCodes.Environment : ExitCodes.Success;
        }
    }
}
