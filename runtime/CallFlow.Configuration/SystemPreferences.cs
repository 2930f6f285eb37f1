namespace CallFlow.Configuration;

/// <summary>
/// The server-wide settings: Voicemail Pro's Preferences (reference §8.1), housekeeping (§9), the IP Office's
/// breakout defaults (§7.9), plus what CallFlow itself needs (prompt language, time zone, data directory,
/// code lockout). <see cref="For"/> gives the defaults of a mode.
/// </summary>
/// <param name="TelephonyInterface">Intuity (default) or IP Office mailbox mode.</param>
/// <param name="MinMessageLengthSeconds">Shorter messages are deleted at once (§7.14): 3 in Intuity mode, always 0 in IP Office mode.</param>
/// <param name="MaxMessageLengthSeconds">Longest message a caller can leave: 120 by default, at most 3600.</param>
/// <param name="MinPasswordLength">Shortest voicemail code: 2 in Intuity mode (range 2–15), 0 in IP Office mode (0–15).</param>
/// <param name="Housekeeping">Hours after which each category is deleted.</param>
/// <param name="PlaybackOrder">FIFO or LIFO per category.</param>
/// <param name="Breakout">System breakout numbers; null means no breakout on that key.</param>
/// <param name="Language">Default prompt language, a code of <c>CallFlow.Vmp.PromptLanguages</c> such as "en".</param>
/// <param name="TimeZone">IANA time zone of the site, e.g. "Europe/London"; used to show times.</param>
/// <param name="DataDirectory">Where the mailbox store lives, as written (relative paths are relative to the configuration file).</param>
/// <param name="CodeLockout">Wrong-code lockout.</param>
public sealed record SystemPreferences(
    TelephonyInterface TelephonyInterface,
    int MinMessageLengthSeconds,
    int MaxMessageLengthSeconds,
    int MinPasswordLength,
    HousekeepingHours Housekeeping,
    PlaybackOrders PlaybackOrder,
    BreakoutNumbers Breakout,
    string Language,
    string TimeZone,
    string DataDirectory,
    CodeLockout CodeLockout)
{
    /// <summary>The disk space alarm (§8.4).</summary>
    public DiskAlarm DiskAlarm { get; init; } = DiskAlarm.Default;

    /// <summary>Longest voicemail code, in both modes (§7.7, §8.1).</summary>
    public const int MaxPasswordLength = 15;

    /// <summary>The defaults of a mode.</summary>
    /// <example><c>SystemPreferences.For(TelephonyInterface.IpOffice).MinMessageLengthSeconds</c> is 0.</example>
    public static SystemPreferences For(TelephonyInterface mode) => new(
        TelephonyInterface: mode,
        MinMessageLengthSeconds: mode == TelephonyInterface.Intuity ? 3 : 0,
        MaxMessageLengthSeconds: 120,
        MinPasswordLength: mode == TelephonyInterface.Intuity ? 2 : 0,
        Housekeeping: HousekeepingHours.Default,
        PlaybackOrder: PlaybackOrders.Default,
        Breakout: BreakoutNumbers.None,
        Language: "en",
        TimeZone: "UTC",
        DataDirectory: "data",
        CodeLockout: CodeLockout.Default);

    /// <summary>The zone named by <see cref="TimeZone"/> (the loader has checked that it exists).</summary>
    /// <exception cref="TimeZoneNotFoundException">The preferences were built by hand with a zone this machine lacks.</exception>
    public TimeZoneInfo FindTimeZone() =>
        TimeZone == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
