namespace CallFlow.Mailbox;

/// <summary>What one housekeeping run removed.</summary>
/// <param name="DeletedByCategory">Messages removed, per category (categories with none are absent).</param>
/// <param name="SkippedInPlayback">Messages due for deletion but left alone because they were open for playback.</param>
public sealed record HousekeepingResult(IReadOnlyDictionary<MessageCategory, int> DeletedByCategory, int SkippedInPlayback)
{
    /// <summary>Messages removed in all.</summary>
    public int Deleted => DeletedByCategory.Values.Sum();
}
