namespace CallFlow.Configuration;

/// <summary>The playback order of each message category (reference §9); every category is FIFO by default.</summary>
/// <param name="New">New messages.</param>
/// <param name="Old">Old messages.</param>
/// <param name="Saved">Saved messages.</param>
/// <param name="Unopened">Unopened messages (Intuity).</param>
/// <param name="NewRecordings">Call recordings not yet played.</param>
/// <param name="OldRecordings">Call recordings played.</param>
/// <param name="Deleted">Deleted messages (when a user interface lists them for undelete).</param>
public sealed record PlaybackOrders(
    PlaybackDirection New,
    PlaybackDirection Old,
    PlaybackDirection Saved,
    PlaybackDirection Unopened,
    PlaybackDirection NewRecordings,
    PlaybackDirection OldRecordings,
    PlaybackDirection Deleted)
{
    /// <summary>FIFO for every category.</summary>
    public static PlaybackOrders Default { get; } = new(
        PlaybackDirection.Fifo, PlaybackDirection.Fifo, PlaybackDirection.Fifo, PlaybackDirection.Fifo,
        PlaybackDirection.Fifo, PlaybackDirection.Fifo, PlaybackDirection.Fifo);
}
