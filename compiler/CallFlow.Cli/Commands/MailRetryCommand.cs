using System.CommandLine;
using CallFlow.Cli.Output;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mail retry &lt;id&gt; | --all</c>: makes queued and failed e-mails due now. A failed one is queued again with
/// its attempts counted from zero. The running server (or <c>vmc mail send</c>) then sends them.
/// </summary>
public sealed class MailRetryCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var id = new Argument<long?>("id") { Description = "the e-mail (its ID in vmc mail list)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "every queued and failed e-mail" };
        var command = new Command("retry", "Make a failed or waiting e-mail (or --all of them) due now") { id, all };
        command.SetAction((parseResult, ct) =>
            new MailRetryCommand(io).RunAsync(options.Read(parseResult), parseResult.GetValue(id), parseResult.GetValue(all), ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, long? id, bool all, CancellationToken cancellationToken)
    {
        if (id is null == !all)
        {
            io.Error.WriteLine("vmc: error: give the ID of one e-mail, or --all");
            return ExitCodes.UsageOrIo;
        }
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: false);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            if (environment.Store is not { } store)
            {
                io.Output.WriteLine("the outbox is empty (there is no store yet)");
                return id is null ? ExitCodes.Success : ExitCodes.UsageOrIo;
            }
            if (id is { } one)
            {
                var email = await store.GetEmailAsync(one, cancellationToken);
                if (email is null)
                {
                    io.Error.WriteLine($"vmc: error: there is no e-mail {one}; 'vmc mail list' shows them");
                    return ExitCodes.UsageOrIo;
                }
                if (email.State == OutboxState.Sent)
                {
                    io.Error.WriteLine($"vmc: error: e-mail {one} was sent already; there is nothing to retry");
                    return ExitCodes.UsageOrIo;
                }
            }
            var changed = await store.RetryEmailsAsync(id, cancellationToken);
            io.Output.WriteLine(changed == 0
                ? "no e-mail is waiting or failed: nothing to retry"
                : $"{MailboxText.Plural(changed, "e-mail")} due now: the server sends {(changed == 1 ? "it" : "them")} when it runs, or 'vmc mail send' does now");
            return ExitCodes.Success;
        }
    }
}
