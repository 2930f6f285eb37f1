namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    /// <inheritdoc />
    public async Task SaveGreetingAsync(string mailbox, string slot, ReadOnlyMemory<byte> g711, CancellationToken cancellationToken = default)
    {
        var path = await GreetingPathAsync(mailbox, slot, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var header = new byte[MessageAudio.HeaderSize];
        MessageAudio.WriteHeader(header, g711.Length);
        // A greeting has no row: the atomic rename alone decides which version callers hear.
        DurableFile.WriteAtomically(TemporaryDirectory, path, header, g711.Span, padByte: (g711.Length & 1) != 0);
    }

    /// <inheritdoc />
    public async Task<string?> GetGreetingPathAsync(string mailbox, string slot, CancellationToken cancellationToken = default)
    {
        var path = await GreetingPathAsync(mailbox, slot, cancellationToken).ConfigureAwait(false);
        return File.Exists(path) ? path : null;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteGreetingAsync(string mailbox, string slot, CancellationToken cancellationToken = default)
    {
        var path = await GreetingPathAsync(mailbox, slot, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(path))
            return false;
        File.Delete(path);
        return true;
    }

    /// <summary><c>greetings/&lt;mailbox dir&gt;/&lt;slot&gt;.wav</c>; the slot is checked, the directory comes from the database.</summary>
    private async Task<string> GreetingPathAsync(string mailbox, string slot, CancellationToken cancellationToken)
    {
        if (!GreetingSlots.IsValid(slot))
            throw new ArgumentException($"greeting slot '{slot}' is not [a-z0-9][a-z0-9-]{{0,31}}", nameof(slot));
        var name = MailboxName.Normalize(mailbox);
        var dirName = await RequireMailboxDirectoryAsync(name, cancellationToken).ConfigureAwait(false);
        return Path.Combine(UnderParent(GreetingsDirectory, dirName), slot + ".wav");
    }
}
