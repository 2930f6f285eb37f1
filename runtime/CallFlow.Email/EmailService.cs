using CallFlow.Configuration;
using CallFlow.Email.Receiving;
using CallFlow.Email.Sending;
using CallFlow.Mailbox;

namespace CallFlow.Email;

/// <summary>
/// Everything e-mail a server runs, from <c>callflow.json</c>'s email section: the outbox worker (one loop for the
/// server), the SMTP receiver when it is enabled, and the request handler of the eMail action for call sessions.
/// Disposing stops the loop (attempts in flight are interrupted and stay queued) and the receiver.
/// </summary>
/// <example><code>
/// await using var email = EmailService.Start(configuration, store, promptDirectory, TimeProvider.System, log);
/// var handlers = email.RequestHandler is { } mail ? [mailboxHandler, mail] : [mailboxHandler];
/// </code></example>
public sealed class EmailService : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task? _loop;

    private EmailService(OutboxWorker? worker, SmtpReceiver? receiver, EmailRequestHandler? handler)
    {
        Worker = worker;
        Receiver = receiver;
        RequestHandler = handler;
        _loop = worker?.RunAsync(_stopping.Token);
    }

    /// <summary>The outbox worker, running; null when no SMTP sender is configured.</summary>
    public OutboxWorker? Worker { get; }

    /// <summary>The SMTP receiver, listening; null when it is off.</summary>
    public SmtpReceiver? Receiver { get; }

    /// <summary>The eMail action's handler for call sessions; null when no SMTP sender is configured (the action then goes to the channel).</summary>
    public EmailRequestHandler? RequestHandler { get; }

    /// <summary>Starts what <paramref name="configuration"/> asks for.</summary>
    /// <param name="configuration">The loaded configuration.</param>
    /// <param name="store">The mailbox store, which holds the outbox.</param>
    /// <param name="promptDirectory">Where the eMail action's named attachments are looked for.</param>
    /// <param name="clock">The clock of the retry schedule.</param>
    /// <param name="log">One line per notable event.</param>
    /// <exception cref="System.Net.Sockets.SocketException">The receiver's port cannot be taken.</exception>
    public static EmailService Start<TStore>(CallFlowConfiguration configuration, TStore store, string promptDirectory, TimeProvider clock, Action<string>? log = null)
        where TStore : IMailboxStore, IEmailOutbox
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(store);
        var settings = configuration.Email;
        OutboxWorker? worker = null;
        EmailRequestHandler? handler = null;
        if (settings.Enabled)
        {
            var sender = new EmailSender(settings, configuration.BaseDirectory ?? Environment.CurrentDirectory);
            worker = new OutboxWorker(store, sender, OutboxWorkerOptions.For(settings, clock, log));
            handler = new EmailRequestHandler(store, promptDirectory);
        }
        SmtpReceiver? receiver = null;
        if (SmtpReceiverOptions.For(configuration) is { } options)
        {
            receiver = new SmtpReceiver(store, options with { Log = log });
            receiver.Start();
        }
        return new EmailService(worker, receiver, handler);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        if (Receiver is not null)
            await Receiver.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
