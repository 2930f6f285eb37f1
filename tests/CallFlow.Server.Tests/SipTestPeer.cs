using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallFlow.Sip;

namespace CallFlow.Server.Tests;

/// <summary>
/// A bare SIP peer on a loopback UDP socket for tests that need what SIPp cannot easily do: stay silent, answer out of
/// order, look at several messages at once. Messages it is not waiting for are kept for a later wait.
/// </summary>
internal sealed class SipTestPeer : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _server;
    private readonly List<SipMessage> _held = [];
    private uint _lastNotifyCSeq;

    public SipTestPeer(IPEndPoint server) => _server = server;

    public IPEndPoint Local => (IPEndPoint)_udp.Client.LocalEndPoint!;

    /// <summary>Where this peer's requests go.</summary>
    public IPEndPoint Server => _server;

    public string CallId { get; } = $"{Guid.NewGuid():N}@test";

    public string Tag { get; } = Guid.NewGuid().ToString("N")[..10];

    /// <summary>The server's tag, from the 200 to the first SUBSCRIBE.</summary>
    public string? ServerTag { get; set; }

    public uint CSeq { get; set; }

    /// <summary>Sends a SUBSCRIBE in this peer's dialog (in the dialog once <see cref="ServerTag"/> is known).</summary>
    public Task SubscribeAsync(string user, int? expires, string package = "message-summary", string? extra = null, uint? cseq = null)
    {
        CSeq = cseq ?? CSeq + 1;
        var to = $"<sip:{user}@{_server.Address}:{_server.Port}>{(ServerTag is null ? "" : $";tag={ServerTag}")}";
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"SUBSCRIBE sip:{user}@{_server.Address}:{_server.Port} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP {Local.Address}:{Local.Port};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <sip:phone@{Local.Address}:{Local.Port}>;tag={Tag}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {CSeq} SUBSCRIBE\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:phone@{Local.Address}:{Local.Port}>\r\n")
            .Append(CultureInfo.InvariantCulture, $"Event: {package}\r\n");
        if (expires is { } seconds)
            text.Append(CultureInfo.InvariantCulture, $"Expires: {seconds}\r\n");
        if (extra is not null)
            text.Append(extra).Append("\r\n");
        text.Append("Content-Length: 0\r\n\r\n");
        return SendAsync(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Sends raw text (LF line ends become CRLF).</summary>
    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));

    /// <summary>The next response, keeping requests that arrive first.</summary>
    public async Task<SipMessage> ResponseAsync(TimeSpan? timeout = null)
    {
        var response = await NextAsync(m => m.IsResponse, timeout ?? TimeSpan.FromSeconds(5));
        if (response.StatusCode is >= 200 and < 300 && response.CSeq?.Method == SipMethods.Subscribe && ServerTag is null)
            ServerTag = response.To?.Tag;
        return response;
    }

    /// <summary>The next request of <paramref name="method"/>, keeping other messages that arrive first.</summary>
    public Task<SipMessage> RequestAsync(string method, TimeSpan timeout) => NextAsync(m => m.IsRequest && m.Method == method, timeout);

    /// <summary>The next response to a request of <paramref name="method"/> with CSeq <paramref name="cseq"/> that is final (2xx–6xx).</summary>
    public Task<SipMessage> FinalResponseAsync(string method, uint cseq, TimeSpan? timeout = null) =>
        NextAsync(m => m.IsResponse && m.StatusCode >= 200 && m.CSeq?.Method == method && m.CSeq.Number == cseq, timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>The next new NOTIFY (retransmissions of one already seen are skipped), answered with <paramref name="status"/> unless 0.</summary>
    public async Task<SipMessage> NotifyAsync(int status = 200, TimeSpan? timeout = null)
    {
        while (true)
        {
            var notify = await NextAsync(m => m.IsRequest && m.Method == SipMethods.Notify, timeout ?? TimeSpan.FromSeconds(5));
            if (notify.CSeq!.Number <= _lastNotifyCSeq)
                continue;
            _lastNotifyCSeq = notify.CSeq.Number;
            if (status != 0)
                await SendAsync(notify.CreateResponse(status).ToBytes());
            return notify;
        }
    }

    /// <summary>Whether a new NOTIFY arrives within <paramref name="wait"/> (it is kept, unanswered, for <see cref="NotifyAsync"/>).</summary>
    public async Task<bool> NotifyArrivesAsync(TimeSpan wait)
    {
        try
        {
            var notify = await NextAsync(m => m.IsRequest && m.Method == SipMethods.Notify && m.CSeq!.Number > _lastNotifyCSeq, wait);
            _held.Insert(0, notify);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<SipMessage> NextAsync(Func<SipMessage, bool> wanted, TimeSpan timeout)
    {
        var held = _held.FindIndex(m => wanted(m));
        if (held >= 0)
        {
            var message = _held[held];
            _held.RemoveAt(held);
            return message;
        }
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nothing wanted arrived in {timeout.TotalSeconds} s; held: {string.Join(", ", _held.Select(Describe))}");
            }
            if (!SipParser.TryParse(received.Buffer, out var message, out _))
                continue;
            if (wanted(message))
                return message;
            _held.Add(message);
        }
    }

    private static string Describe(SipMessage message) => message.IsRequest ? $"{message.Method} {message.CSeq?.Number}" : $"{message.StatusCode} {message.CSeq?.Method}";

    private async Task SendAsync(byte[] bytes) => await _udp.SendAsync(bytes, _server);

    public void Dispose() => _udp.Dispose();
}
