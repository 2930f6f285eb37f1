using System.Globalization;
using CallFlow.Mailbox;
using CallFlow.Mailbox.CrashChild;

// Usage: CallFlow.Mailbox.CrashChild <data directory> <recordings>
// Prints READY once the store is open, then "COMMITTED <id> <seed>" after each commit returns.
if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: CallFlow.Mailbox.CrashChild <data directory> <recordings>");
    return 2;
}

// Never outlive a test that forgot to kill us.
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
await using var store = SqliteMailboxStore.Open(args[0]);
await store.EnsureMailboxAsync(AudioPattern.Mailbox);
Console.WriteLine("READY");
await Task.WhenAll(Enumerable.Range(0, count).Select(seed => RecordAsync(store, seed, deadline.Token)));
Console.WriteLine("DONE");
return 0;

static async Task RecordAsync(IMailboxStore store, int seed, CancellationToken cancellationToken)
{
    var request = new RecordingRequest(AudioPattern.Mailbox) { CallerNumber = seed.ToString(CultureInfo.InvariantCulture) };
    await using var recording = await store.BeginRecordingAsync(request, cancellationToken);
    var length = AudioPattern.LengthFor(seed);
    var chunk = new byte[AudioPattern.ChunkBytes];
    for (var offset = 0; offset < length; offset += chunk.Length)
    {
        var size = Math.Min(chunk.Length, length - offset);
        AudioPattern.Fill(seed, offset, chunk.AsSpan(0, size));
        await recording.WriteAsync(chunk.AsMemory(0, size), cancellationToken);
        await Task.Delay(AudioPattern.ChunkPause, cancellationToken);
    }
    var message = await recording.CommitAsync(cancellationToken);
    Console.WriteLine($"COMMITTED {message!.Id} {seed}");
}
