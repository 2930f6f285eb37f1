using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Tests.Tts;

public sealed class FifoGateTests
{
    [Fact]
    public async Task Places_pass_in_arrival_order_and_skip_waiters_that_gave_up()
    {
        var gate = new FifoGate(1);
        Assert.True(await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None));
        var order = new List<string>();
        var a = Enter("a");
        var gaveUp = gate.EnterAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None).AsTask();
        var b = Enter("b");
        Assert.False(await gaveUp);
        gate.Leave();
        await a;
        gate.Leave();
        await b;
        gate.Leave();
        Assert.Equal(["a", "b"], order);
        Assert.Equal(0, gate.InUse);
        Assert.Throws<InvalidOperationException>(gate.Leave);

        async Task Enter(string name)
        {
            Assert.True(await gate.EnterAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
            order.Add(name);
        }
    }

    [Fact]
    public async Task A_cancelled_waiter_throws_and_leaves_its_turn()
    {
        var gate = new FifoGate(1);
        await gate.EnterAsync(TimeSpan.Zero, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(TimeSpan.FromSeconds(10), cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.Leave();
        Assert.Equal(0, gate.InUse);
    }
}
