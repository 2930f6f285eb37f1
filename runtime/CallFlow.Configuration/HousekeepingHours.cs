namespace CallFlow.Configuration;

/// <summary>
/// "Delete after" hours per message category (reference §9); 0 disables deletion for that category. The manual
/// states no defaults, so CallFlow keeps everything a user has not deleted, and keeps deleted messages recoverable
/// for 24 hours (<see cref="Default"/>).
/// </summary>
/// <param name="New">Messages nobody has opened.</param>
/// <param name="Old">Messages played and not saved.</param>
/// <param name="Saved">Messages marked saved.</param>
/// <param name="Unopened">Intuity: messages whose header was played but not their content.</param>
/// <param name="NewRecordings">Call recordings not yet played.</param>
/// <param name="OldRecordings">Call recordings played.</param>
/// <param name="Deleted">Messages marked deleted (how long they can be undeleted).</param>
public sealed record HousekeepingHours(int New, int Old, int Saved, int Unopened, int NewRecordings, int OldRecordings, int Deleted)
{
    /// <summary>The longest setting accepted: ten years, far beyond any real retention, small enough for any date arithmetic.</summary>
    public const int MaxHours = 87_600;

    /// <summary>Deleted messages go after 24 hours; nothing else is ever deleted automatically.</summary>
    public static HousekeepingHours Default { get; } = new(0, 0, 0, 0, 0, 0, 24);
}
