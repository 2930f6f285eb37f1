namespace CallFlow.Mailbox;

/// <summary>What the store cleaned up when it opened (docs/mailbox-store.md, "Recovery").</summary>
/// <param name="TemporaryFilesDeleted">Files found in <c>tmp/</c>: recordings cut off by a crash (paths relative to the data directory).</param>
/// <param name="OrphanFilesDeleted">Files under <c>messages/</c> with no row: renamed before a crash stopped the commit.</param>
/// <param name="MessagesWithoutAudioRemoved">Ids of rows whose audio file was missing, removed because they cannot be played.</param>
public sealed record RecoveryReport(
    IReadOnlyList<string> TemporaryFilesDeleted,
    IReadOnlyList<string> OrphanFilesDeleted,
    IReadOnlyList<string> MessagesWithoutAudioRemoved)
{
    /// <summary>True when there was nothing to clean up.</summary>
    public bool IsClean =>
        TemporaryFilesDeleted.Count == 0 && OrphanFilesDeleted.Count == 0 && MessagesWithoutAudioRemoved.Count == 0;
}
