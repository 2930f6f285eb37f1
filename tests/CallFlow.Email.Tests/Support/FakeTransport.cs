using CallFlow.Email.Sending;
using MimeKit;

namespace CallFlow.Email.Tests.Support;

/// <summary>A transport that does what the test says, counts what it saw, and measures how many sends overlap.</summary>
internal sealed class FakeTransport(Func<MimeMessage, Task> send) : IEmailTransport
{
    private int _inFlight;
    private int _maxInFlight;

    public List<MimeMessage> Sent { get; } = [];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static FakeTransport Refusing(Exception error) => new(_ => Task.FromException(error));

    public MailboxAddress FromFor(string recipient, string? fallback) => new("", fallback ?? "voicemail@test.example");

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
        try
        {
            await send(message);
            lock (Sent)
                Sent.Add(message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
