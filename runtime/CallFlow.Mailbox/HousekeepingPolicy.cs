namespace CallFlow.Mailbox;

/// <summary>
/// "Delete after" hours per category (reference §9); 0 disables deletion for that category. The manual gives no
/// defaults, so every category defaults to 0 here and the configuration supplies the real values.
/// </summary>
/// <example><c>new HousekeepingPolicy { OldHours = 36, DeletedHours = 24 }</c> (the old IP Office mode default for played messages).</example>
public sealed record HousekeepingPolicy
{
    /// <summary>Nothing is ever deleted.</summary>
    public static HousekeepingPolicy Disabled { get; } = new();

    /// <summary>Hours for <see cref="MessageCategory.New"/>.</summary>
    public int NewHours { get; init; }

    /// <summary>Hours for <see cref="MessageCategory.Old"/>.</summary>
    public int OldHours { get; init; }

    /// <summary>Hours for <see cref="MessageCategory.Saved"/>.</summary>
    public int SavedHours { get; init; }

    /// <summary>Hours for <see cref="MessageCategory.Unopened"/>.</summary>
    public int UnopenedHours { get; init; }

    /// <summary>Hours for <see cref="MessageCategory.NewRecording"/>.</summary>
    public int NewRecordingHours { get; init; }

    /// <summary>Hours for <see cref="MessageCategory.OldRecording"/>.</summary>
    public int OldRecordingHours { get; init; }

    /// <summary>Hours for <see cref="MessageCategory.Deleted"/> (how long a deleted message can be undeleted).</summary>
    public int DeletedHours { get; init; }

    /// <summary>The hours configured for one category.</summary>
    public int HoursFor(MessageCategory category) => category switch
    {
        MessageCategory.New => NewHours,
        MessageCategory.Old => OldHours,
        MessageCategory.Saved => SavedHours,
        MessageCategory.Unopened => UnopenedHours,
        MessageCategory.NewRecording => NewRecordingHours,
        MessageCategory.OldRecording => OldRecordingHours,
        MessageCategory.Deleted => DeletedHours,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}
