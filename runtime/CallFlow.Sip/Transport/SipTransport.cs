using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CallFlow.Sip.Transport;

/// <summary>
/// SIP over UDP and TCP on one address and port (RFC 3261 §18). Receives, parses (malformed messages get the 400 the
/// parser decides, or are dropped; nothing a peer sends can stop the loops), stamps the top Via of each request with
/// <c>received</c> and <c>rport</c> (§18.2.1, RFC 3581), and hands requests and responses to
/// <see cref="Received"/>. Sends go to a <see cref="SipPeer"/>: the datagram source or the connection.
/// </summary>
public sealed class SipTransport : IAsyncDisposable
{
    /// <summary>The largest UDP datagram accepted; SIP over UDP must stay well under the path MTU anyway.</summary>
    public const int MaxDatagram = 65_507;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private Socket? _udp;
    private Socket? _tcp;

    /// <summary>Called for every parsed message, on a transport thread; must not block (queue work instead).</summary>
    public required Func<SipIncoming, ValueTask> Received { get; init; }

    /// <summary>Told of messages dropped or refused at parse time.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Limits applied to every message.</summary>
    public SipParserLimits Limits { get; init; } = SipParserLimits.Default;

    /// <summary>The UDP address and port bound (after <see cref="Start"/>; port 0 picks a free one).</summary>
    public IPEndPoint? UdpEndPoint => _udp?.LocalEndPoint as IPEndPoint;

    /// <summary>The TCP address and port bound.</summary>
    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint as IPEndPoint;

    /// <summary>Binds and starts receiving.</summary>
    public void Start(IPEndPoint local, bool udp = true, bool tcp = true)
    {
        if (udp)
        {
            _udp = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(local);
            _loops.Add(Task.Run(UdpLoopAsync));
        }
        if (tcp)
        {
            _tcp = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            // Same port for UDP and TCP, as SIP expects, unless the caller asked for any port.
            _tcp.Bind(udp && local.Port == 0 ? new IPEndPoint(local.Address, UdpEndPoint!.Port) : local);
            _tcp.Listen(512);
            _loops.Add(Task.Run(AcceptLoopAsync));
        }
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="peer"/>.</summary>
    public ValueTask SendAsync(SipMessage message, SipPeer peer, CancellationToken cancellationToken = default) =>
        SendAsync(message.ToBytes(), peer, cancellationToken);

    /// <summary>Sends bytes already serialized (a retransmission) to <paramref name="peer"/>.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, SipPeer peer, CancellationToken cancellationToken = default)
    {
        if (peer.Connection is { } connection)
        {
            await connection.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (_udp is null)
            return;
        try
        {
            await _udp.SendToAsync(bytes, SocketFlags.None, peer.EndPoint, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            // An ICMP error from an earlier datagram, or an unreachable peer: the transaction timers deal with it.
            Log?.Invoke($"send to {peer} failed: {e.SocketErrorCode}");
        }
    }

    private async Task UdpLoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        var from = new IPEndPoint(_udp!.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, from, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // ICMP port unreachable for an earlier send (Linux reports it here): not this datagram's fault
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            var peer = new SipPeer((IPEndPoint)received.RemoteEndPoint, null);
            await HandleAsync(buffer.AsSpan(0, received.ReceivedBytes).ToArray(), peer).ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _tcp!.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Task.Run(() => ConnectionLoopAsync(new SipConnection(socket)));
        }
    }

    private async Task ConnectionLoopAsync(SipConnection connection)
    {
        await using var _ = connection;
        using var framer = new SipStreamFramer(Limits);
        var buffer = new byte[16 * 1024];
        var peer = new SipPeer(connection.RemoteEndPoint, connection);
        // A connection that says nothing for two minutes is closed (RFC 5626 keep-alives are far more frequent).
        using var idle = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, idle.Token);
        try
        {
            while (true)
            {
                var read = await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, both.Token).ConfigureAwait(false);
                if (read == 0)
                    return;
                idle.CancelAfter(TimeSpan.FromMinutes(2));
                framer.Append(buffer.AsSpan(0, read));
                while (true)
                {
                    var status = framer.TryRead(out var message, out var error);
                    if (status == SipFramerStatus.Message)
                        await DispatchAsync(message!, peer).ConfigureAwait(false);
                    else if (status == SipFramerStatus.NeedMoreData)
                        break;
                    else
                    {
                        // The stream is out of step (no Content-Length, oversized): answer if we can, then close.
                        await RefuseAsync(error!, peer).ConfigureAwait(false);
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async ValueTask HandleAsync(byte[] datagram, SipPeer peer)
    {
        // RFC 5626 keep-alives: a bare CRLF (or two) is not a message.
        if (datagram.AsSpan().Trim("\r\n"u8).IsEmpty)
            return;
        if (!SipParser.TryParse(datagram, Limits, out var message, out var error))
        {
            await RefuseAsync(error!, peer).ConfigureAwait(false);
            return;
        }
        await DispatchAsync(message, peer).ConfigureAwait(false);
    }

    private async ValueTask RefuseAsync(SipParseError error, SipPeer peer)
    {
        Log?.Invoke($"from {peer}: {error}");
        if (error.ShouldRespond && error.Request is { Method: not SipMethods.Ack })
            await SendAsync(error.CreateResponse(), peer).ConfigureAwait(false);
    }

    private async ValueTask DispatchAsync(SipMessage message, SipPeer peer)
    {
        if (message.IsRequest)
            StampVia(message, peer);
        try
        {
            await Received(new SipIncoming(message, peer)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A bug in a handler must not stop the transport for everybody else.
            Log?.Invoke($"handling a message from {peer} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>§18.2.1: received= when the source differs from sent-by; RFC 3581: rport= filled in when asked for.</summary>
    private static void StampVia(SipMessage request, SipPeer peer)
    {
        var values = request.Headers.GetValues(SipHeaderNames.Via);
        if (values.Count == 0 || !SipVia.TryParse(values[0], out var via))
            return;
        var source = peer.EndPoint.Address.ToString();
        var parameters = via.Parameters;
        var changed = false;
        if (via.Host.Trim('[', ']') != source || via.HasRPort)
        {
            parameters = parameters.With("received", source);
            changed = true;
        }
        if (via.HasRPort)
        {
            parameters = parameters.With("rport", peer.EndPoint.Port.ToString(CultureInfo.InvariantCulture));
            changed = true;
        }
        if (changed)
            ReplaceTopVia(request, (via with { Parameters = parameters }).ToString());
    }

    private static void ReplaceTopVia(SipMessage request, string via)
    {
        var headers = request.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Name != SipHeaderNames.Via)
                continue;
            var list = SipHeaders.SplitList(headers[i].Value);
            var rest = list.Count > 1 ? ", " + string.Join(", ", list.Skip(1)) : "";
            headers.RemoveAt(i);
            headers.Insert(i, SipHeaderNames.Via, via + rest);
            return;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp?.Dispose();
        _tcp?.Dispose();
        await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
