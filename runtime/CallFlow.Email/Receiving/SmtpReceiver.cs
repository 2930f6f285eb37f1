using System.Net;
using System.Net.Sockets;
using CallFlow.Mailbox;

namespace CallFlow.Email.Receiving;

/// <summary>
/// The embedded SMTP receiver (reference §10.3, Internal): a small RFC 5321 server that takes mail for the mailboxes
/// of one domain and stores the WAV each message carries as a new message in each recipient's mailbox. Anything else
/// (another domain, an unknown mailbox, no WAV, a WAV that is not 8 kHz mono G.711 or PCM) is refused with the SMTP
/// reply that says why. One task per client on async I/O; nothing is accepted (250) before it is committed to the store.
/// </summary>
/// <example><code>
/// await using var receiver = new SmtpReceiver(store, SmtpReceiverOptions.For(configuration)!);
/// receiver.Start();   // listens until disposed
/// </code></example>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly IMailboxStore _store;
    private readonly SmtpReceiverOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<int, Task> _sessions = [];
    private TcpListener? _listener;
    private Task? _accepting;
    private int _nextSession;

    /// <summary>A receiver storing into <paramref name="store"/>; it listens once <see cref="Start"/> is called.</summary>
    public SmtpReceiver(IMailboxStore store, SmtpReceiverOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Delivery = new InboundDelivery(store, options.Log);
    }

    /// <summary>The port it listens on (the one chosen when the options asked for 0).</summary>
    public int Port => (_listener?.LocalEndpoint as IPEndPoint)?.Port ?? _options.Port;

    /// <summary>Messages stored so far (one per recipient mailbox).</summary>
    public long Delivered => Delivery.Stored;

    internal InboundDelivery Delivery { get; }

    internal SmtpReceiverOptions Options => _options;

    /// <summary>Starts listening.</summary>
    /// <exception cref="SocketException">The address or port cannot be taken (in use, not this machine's).</exception>
    public void Start()
    {
        if (_listener is not null)
            throw new InvalidOperationException("the receiver has already started");
        _listener = new TcpListener(_options.Address, _options.Port);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stopping.Token);
    }

    /// <summary>Stops listening, ends every session, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_accepting is not null)
            await _accepting.ConfigureAwait(false);
        Task[] sessions;
        lock (_sessions)
            sessions = [.. _sessions.Values];
        await Task.WhenAll(sessions).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                _options.Log?.Invoke($"smtp receiver: accept failed: {e.Message}");
                continue;
            }
            var id = Interlocked.Increment(ref _nextSession);
            lock (_sessions)
            {
                var busy = _sessions.Count >= _options.MaxConnections;
                _sessions[id] = Task.Run(() => RunSessionAsync(id, client, busy, stopping), CancellationToken.None);
            }
        }
    }

    private async Task RunSessionAsync(int id, TcpClient client, bool busy, CancellationToken stopping)
    {
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var session = new SmtpSession(this, client.GetStream(), client.Client.RemoteEndPoint?.ToString() ?? "?");
                await session.RunAsync(busy, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            if (!stopping.IsCancellationRequested)
                _options.Log?.Invoke($"smtp receiver: session {id} ended: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            lock (_sessions)
                _sessions.Remove(id);
        }
    }
}
