using System.CommandLine;
using CallFlow.Cli.Output;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mailbox provision</c>: creates every configured user and group mailbox in the store (reference §7.1: every
/// user and hunt group has one), and corrects the kind of one that changed. Nothing is ever deleted: mailboxes the
/// configuration no longer has are listed and left as they are.
/// </summary>
public sealed class MailboxProvisionCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var command = new Command("provision", "Create every configured mailbox in the store");
        command.SetAction((parseResult, ct) => new MailboxProvisionCommand(io).RunAsync(options.Read(parseResult), ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, CancellationToken cancellationToken)
    {
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: true);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            var store = environment.Store!;
            var config = environment.Configuration;
            var wanted = config.Users.Select(u => (u.Name, Kind: MailboxKind.User))
                .Concat(config.Groups.Select(g => (g.Name, Kind: MailboxKind.HuntGroup)));
            var (created, changed, unchanged) = (0, 0, 0);
            foreach (var (name, kind) in wanted)
            {
                var existing = await store.GetMailboxAsync(name, cancellationToken);
                if (existing is not null && existing.Kind == kind)
                {
                    unchanged++;
                    continue;
                }
                await store.EnsureMailboxAsync(name, kind, cancellationToken);
                if (existing is null)
                {
                    created++;
                    io.Output.WriteLine($"created {name} ({MailboxText.Kind(kind)})");
                }
                else
                {
                    changed++;
                    io.Output.WriteLine($"changed {name} from {MailboxText.Kind(existing.Kind)} to {MailboxText.Kind(kind)}");
                }
            }
            io.Output.WriteLine($"{MailboxText.Number(created)} created, {MailboxText.Number(changed)} changed, {MailboxText.Number(unchanged)} already there");

            var configured = config.MailboxNames.ToHashSet(StringComparer.Ordinal);
            var extra = (await store.ListMailboxesAsync(cancellationToken)).Select(m => m.Name).Where(n => !configured.Contains(n)).ToList();
            if (extra.Count > 0)
                io.Output.WriteLine($"not in the configuration, left as they are: {string.Join(", ", extra)}");
            return ExitCodes.Success;
        }
    }
}
