using System.Net;
using System.Net.Sockets;
using CallFlow.Sip.Transactions;
using CallFlow.Sip.Transport;

namespace CallFlow.Sip.Tests;

/// <summary>
/// The client side of the transaction layer (RFC 3261 §17.1) over real UDP on loopback: a bare socket plays the far
/// side, so every retransmission, ACK and CANCEL the layer sends is seen as it is on the wire. Timers are shortened
/// (T1 20 ms) so the RFC's 64×T1 give-up happens in 1.3 s.
/// </summary>
public sealed class ClientTransactionTests : IAsyncLifetime
{
    private static readonly SipTimers Fast = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(200));
    private readonly UdpClient _far = new(new IPEndPoint(IPAddress.Loopback, 0));
    private SipTransport _transport = null!;
    private SipTransactionLayer _layer = null!;
    private readonly List<SipMessage> _strays = [];

    public Task InitializeAsync()
    {
        _transport = new SipTransport { Received = incoming => _layer.HandleAsync(incoming) };
        _layer = new SipTransactionLayer(_transport, timers: Fast)
        {
            RequestReceived = _ => ValueTask.CompletedTask,
            ResponseReceived = incoming =>
            {
                lock (_strays)
                    _strays.Add(incoming.Message);
                return ValueTask.CompletedTask;
            },
        };
        _transport.Start(new IPEndPoint(IPAddress.Loopback, 0), udp: true, tcp: false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _layer.DisposeAsync();
        await _transport.DisposeAsync();
        _far.Dispose();
    }

    private SipPeer Far => new((IPEndPoint)_far.Client.LocalEndPoint!, null);

    [Fact]
    public async Task A_request_is_retransmitted_until_its_final_response()
    {
        var transaction = await _layer.SendAsync(Request("OPTIONS"), Far);
        var first = await ReceiveAsync();
        var again = await ReceiveAsync();
        Assert.Equal(first.TopVia!.Branch, again.TopVia!.Branch);
        await SendAsync(first.CreateResponse(200));
        var final = await transaction.Final.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(200, final!.StatusCode);
        // Completed: no more retransmissions (drain what was already in flight, then nothing for a while).
        await Task.Delay(100);
        while (_far.Available > 0)
            await _far.ReceiveAsync();
        await Task.Delay(300);
        Assert.Equal(0, _far.Available);
    }

    [Fact]
    public async Task A_request_nobody_answers_ends_with_no_response_after_64_T1()
    {
        var started = DateTimeOffset.UtcNow;
        var transaction = await _layer.SendAsync(Request("OPTIONS"), Far);
        Assert.Null(await transaction.Final.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(DateTimeOffset.UtcNow - started >= Fast.Timeout - TimeSpan.FromMilliseconds(60));
        Assert.Equal(0, _layer.ClientCount);
    }

    [Fact]
    public async Task A_failed_INVITE_is_acknowledged_by_the_transaction_and_again_for_each_retransmitted_failure()
    {
        var transaction = await _layer.SendAsync(Request("INVITE"), Far);
        var invite = await ReceiveAsync();
        var busy = invite.CreateResponse(486, toTag: "far1");
        await SendAsync(busy);
        var final = await transaction.Final.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(486, final!.StatusCode);
        var ack = await ReceiveAsync(SipMethods.Ack);
        Assert.Equal(invite.TopVia!.Branch, ack.TopVia!.Branch);
        Assert.Equal("far1", ack.To!.Tag);
        Assert.Equal(SipMethods.Ack, ack.CSeq!.Method);
        Assert.Equal(invite.CSeq!.Number, ack.CSeq.Number);
        await SendAsync(busy);
        var second = await ReceiveAsync(SipMethods.Ack);
        Assert.Equal(ack.TopVia.Branch, second.TopVia!.Branch);
    }

    [Fact]
    public async Task A_provisional_response_stops_INVITE_retransmission_and_a_CANCEL_follows_it()
    {
        var transaction = await _layer.SendAsync(Request("INVITE"), Far);
        // Cancelled before anything came back: the CANCEL waits for the first provisional response (§9.1).
        await _layer.CancelAsync(transaction);
        var invite = await ReceiveAsync();
        await SendAsync(invite.CreateResponse(180, toTag: "far2"));
        var cancel = await ReceiveAsync(SipMethods.Cancel);
        Assert.Equal(invite.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal(invite.CSeq!.Number, cancel.CSeq!.Number);
        Assert.Null(cancel.To!.Tag);
        await SendAsync(cancel.CreateResponse(200));
        await SendAsync(invite.CreateResponse(487, toTag: "far2"));
        Assert.Equal(487, (await transaction.Final.WaitAsync(TimeSpan.FromSeconds(5)))!.StatusCode);
        await ReceiveAsync(SipMethods.Ack);
    }

    [Fact]
    public async Task A_retransmitted_2xx_gets_the_ACK_the_transaction_user_sent()
    {
        var transaction = await _layer.SendAsync(Request("INVITE"), Far);
        var invite = await ReceiveAsync();
        var ok = invite.CreateResponse(200, toTag: "far3");
        await SendAsync(ok);
        Assert.Equal(200, (await transaction.Final.WaitAsync(TimeSpan.FromSeconds(5)))!.StatusCode);
        var ack = Request("ACK", cseqMethod: "ACK");
        transaction.Accepted(ack);
        await SendAsync(ok);
        var repeated = await ReceiveAsync(SipMethods.Ack);
        Assert.Equal(ack.TopVia!.Branch, repeated.TopVia!.Branch);
    }

    [Fact]
    public async Task A_response_for_no_transaction_goes_to_the_transaction_user()
    {
        var stray = Request("OPTIONS").CreateResponse(200);
        await SendAsync(stray);
        for (var i = 0; i < 50; i++)
        {
            lock (_strays)
                if (_strays.Count > 0)
                    return;
            await Task.Delay(20);
        }
        Assert.Fail("the stray response was not handed on");
    }

    [Fact]
    public async Task ACK_and_requests_without_a_branch_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await _layer.SendAsync(Request("ACK", cseqMethod: "ACK"), Far));
    }

    private SipMessage Request(string method, string? cseqMethod = null)
    {
        var local = _transport.UdpEndPoint!;
        var far = (IPEndPoint)_far.Client.LocalEndPoint!;
        var request = SipMessage.NewRequest(method, SipUri.Parse($"sip:201@127.0.0.1:{far.Port}"));
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP 127.0.0.1:{local.Port};branch={SipVia.MagicCookie}{Guid.NewGuid():N};rport");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, $"<sip:callflow@127.0.0.1:{local.Port}>;tag=ours");
        request.Headers.Add(SipHeaderNames.To, $"<sip:201@127.0.0.1:{far.Port}>");
        request.Headers.Add(SipHeaderNames.CallId, $"{Guid.NewGuid():N}@test");
        request.Headers.Add(SipHeaderNames.CSeq, $"7 {cseqMethod ?? method}");
        request.Headers.Add(SipHeaderNames.ContentLength, "0");
        return request;
    }

    private async Task SendAsync(SipMessage message) => await _far.SendAsync(message.ToBytes(), _transport.UdpEndPoint!);

    /// <summary>The next message the far side receives (of <paramref name="method"/>, skipping others), within 5 s.</summary>
    private async Task<SipMessage> ReceiveAsync(string? method = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var datagram = await _far.ReceiveAsync(timeout.Token);
            Assert.True(SipParser.TryParse(datagram.Buffer, out var message, out var error), error?.ToString());
            if (method is null || message.Method == method)
                return message;
        }
    }
}
