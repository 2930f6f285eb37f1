using System.Net;
using System.Net.Sockets;

namespace CallFlow.Email.Tests.Support;

/// <summary>
/// A port that accepts connections and never says a word: an SMTP server that hangs. Counts the connections, so a test
/// can tell whether anything tried to reach it.
/// </summary>
internal sealed class Trap : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;

    public Trap(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
            _clients.ForEach(c => c.Dispose());
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_clients)
                    _clients.Add(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
