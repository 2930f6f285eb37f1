using System.Collections.Frozen;
using CallFlow.Configuration;
using CallFlow.Mailbox;

namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>Turns the administrator's configuration (docs/configuration.md) into what the mailbox actions follow.</summary>
public static class MailboxPolicyFactory
{
    /// <summary>The policy for <paramref name="configuration"/>: mode, lengths, breakout, playback orders and the mailboxes.</summary>
    /// <param name="configuration">The loaded configuration.</param>
    /// <param name="sendsEmail">
    /// The host runs an outbox worker (CallFlow.Email's <c>EmailService</c>), so the users' and groups' e-mail modes
    /// apply (reference §10.4). Off by default: a host that sends nothing must not queue e-mail, and above all must
    /// not hide Forward-mode messages until an e-mail that nobody sends is accepted.
    /// </param>
    public static MailboxPolicy Create(CallFlowConfiguration configuration, bool sendsEmail = false)
    {
        var system = configuration.System;
        // Reference §10.4: the modes e-mail new messages; a server that cannot send (no SMTP sender) e-mails nothing.
        var canEmail = sendsEmail && configuration.Email.Enabled;
        var owners = new List<MailboxOwner>();
        foreach (var user in configuration.Users)
        {
            owners.Add(new MailboxOwner(user.Name, IsGroup: false)
            {
                Extension = user.Extension ?? "",
                Breakout = Convert(user.Breakout),
                TrustedNumbers = [.. user.SourceNumbers.Where(s => s.Kind == SourceNumberKind.TrustedNumber).Select(s => s.Value)],
                VoicemailOn = user.VoicemailOn,
                Help = user.VoicemailHelp,
                Email = user.Email,
                EmailMode = canEmail && user.Email is not null ? user.EmailMode : EmailMode.Off,
            });
        }
        foreach (var group in configuration.Groups)
        {
            owners.Add(new MailboxOwner(group.Name, IsGroup: true)
            {
                Extension = group.Extension ?? "",
                Members = group.Members,
                Broadcast = group.Broadcast,
                MessageWaitingUsers = [.. configuration.Users
                    .Where(u => u.SourceNumbers.Any(s => s.Kind == SourceNumberKind.GroupMessageWaiting && s.Value == group.Name))
                    .Select(u => u.Name)],
                Email = group.Email,
                EmailMode = canEmail && group.Email is not null ? group.EmailMode : EmailMode.Off,
            });
        }
        var orders = system.PlaybackOrder;
        return new MailboxPolicy
        {
            Mode = system.TelephonyInterface == TelephonyInterface.IpOffice ? MailboxMode.IpOffice : MailboxMode.Intuity,
            MinMessageLength = TimeSpan.FromSeconds(system.MinMessageLengthSeconds),
            MaxMessageLength = TimeSpan.FromSeconds(system.MaxMessageLengthSeconds),
            MinCodeLength = system.MinPasswordLength,
            TimeZone = system.FindTimeZone(),
            Breakout = Convert(system.Breakout),
            PlaybackOrders = new Dictionary<MessageState, PlaybackOrder>
            {
                [MessageState.New] = Convert(orders.New),
                [MessageState.Old] = Convert(orders.Old),
                [MessageState.Saved] = Convert(orders.Saved),
                [MessageState.Unopened] = Convert(orders.Unopened),
                [MessageState.Deleted] = Convert(orders.Deleted),
            }.ToFrozenDictionary(),
            Mailboxes = owners.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal),
        };
    }

    /// <summary>Creates every configured user's and hunt group's mailbox in <paramref name="store"/> (existing ones stay as they are).</summary>
    public static async Task ProvisionAsync(IMailboxStore store, CallFlowConfiguration configuration, CancellationToken cancellationToken = default)
    {
        foreach (var user in configuration.Users)
            await store.EnsureMailboxAsync(user.Name, MailboxKind.User, cancellationToken).ConfigureAwait(false);
        foreach (var group in configuration.Groups)
            await store.EnsureMailboxAsync(group.Name, MailboxKind.HuntGroup, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The store options the configuration asks for: minimum length and code lockout, with the given clock and ids.</summary>
    public static MailboxStoreOptions StoreOptions(CallFlowConfiguration configuration, TimeProvider clock, Func<string>? newMessageId = null) => new()
    {
        Clock = clock,
        NewMessageId = newMessageId,
        MinimumMessageLength = TimeSpan.FromSeconds(configuration.System.MinMessageLengthSeconds),
        MaxFailedCodeAttempts = configuration.System.CodeLockout.Attempts,
        CodeLockoutDuration = TimeSpan.FromMinutes(configuration.System.CodeLockout.Minutes),
    };

    private static BreakoutNumbers Convert(CallFlow.Configuration.BreakoutNumbers numbers) => new(numbers.Dtmf0, numbers.Dtmf2, numbers.Dtmf3);

    private static PlaybackOrder Convert(PlaybackDirection direction) => direction == PlaybackDirection.Lifo ? PlaybackOrder.Lifo : PlaybackOrder.Fifo;
}
