using CallFlow.Vmp;

namespace CallFlow.Configuration.Binding;

internal sealed partial class ConfigurationBinder
{
    private static readonly (string, TelephonyInterface)[] Modes = [("intuity", TelephonyInterface.Intuity), ("ip_office", TelephonyInterface.IpOffice)];
    private static readonly (string, DiskAlarmUnit)[] AlarmUnits = [("mb", DiskAlarmUnit.Megabytes), ("minutes", DiskAlarmUnit.Minutes)];
    private static readonly (string, PlaybackDirection)[] Directions = [("fifo", PlaybackDirection.Fifo), ("lifo", PlaybackDirection.Lifo)];

    private SystemPreferences BindSystem(ObjectScope root)
    {
        if (ReadSection(root, "system", ConfigKeys.System) is not { } scope)
            return SystemPreferences.For(TelephonyInterface.Intuity);

        // The mode comes first whatever the key order: it decides the defaults and ranges of the rest.
        var mode = ReadChoice(scope, "telephony_interface", TelephonyInterface.Intuity, Modes, "a telephony interface");
        var defaults = SystemPreferences.For(mode);
        var intuity = mode == TelephonyInterface.Intuity;
        var modeName = intuity ? " in Intuity mode" : " in IP Office mode";

        var minMessage = defaults.MinMessageLengthSeconds;
        if (!intuity && scope["min_message_length"] is { } property)
            // Reference §8.1: Min. Message Length is unavailable in IP Office mode, where it is always 0.
            _sink.Error(property.NameOffset, scope.PathOf("min_message_length"), ConfigurationCodes.NotInThisMode,
                "min_message_length cannot be set in IP Office mode, where it is always 0 (Voicemail Pro makes the field unavailable)",
                "remove it, or set telephony_interface to \"intuity\"");
        else
            minMessage = ReadInt(scope, "min_message_length", minMessage, 0, 10, "seconds");
        var maxMessage = ReadInt(scope, "max_message_length", defaults.MaxMessageLengthSeconds, 1, 3600, "seconds");
        if (maxMessage < minMessage && scope["max_message_length"] is { } max)
            _sink.Error(max.Value.Offset, scope.PathOf("max_message_length"), ConfigurationCodes.Inconsistent,
                $"max_message_length ({maxMessage} seconds) is shorter than min_message_length ({minMessage} seconds), so every message would be deleted");

        return defaults with
        {
            MinMessageLengthSeconds = minMessage,
            MaxMessageLengthSeconds = maxMessage,
            MinPasswordLength = ReadInt(scope, "min_password_length", defaults.MinPasswordLength, intuity ? 2 : 0, SystemPreferences.MaxPasswordLength, "digits", modeName),
            Housekeeping = BindHousekeeping(scope),
            PlaybackOrder = BindPlaybackOrder(scope),
            Breakout = BindBreakout(scope, allowEmpty: false),
            Language = BindLanguage(scope) ?? defaults.Language,
            TimeZone = BindTimeZone(scope) ?? defaults.TimeZone,
            DataDirectory = BindDataDirectory(scope) ?? defaults.DataDirectory,
            CodeLockout = BindCodeLockout(scope),
            DiskAlarm = BindDiskAlarm(scope),
        };
    }

    private HousekeepingHours BindHousekeeping(ObjectScope system)
    {
        var d = HousekeepingHours.Default;
        if (ReadSection(system, "housekeeping", ConfigKeys.Categories) is not { } s)
            return d;
        int Hours(string key, int fallback) => ReadInt(s, key, fallback, 0, HousekeepingHours.MaxHours, "hours");
        return new HousekeepingHours(Hours("new", d.New), Hours("old", d.Old), Hours("saved", d.Saved), Hours("unopened", d.Unopened),
            Hours("new_recordings", d.NewRecordings), Hours("old_recordings", d.OldRecordings), Hours("deleted", d.Deleted));
    }

    private PlaybackOrders BindPlaybackOrder(ObjectScope system)
    {
        if (ReadSection(system, "playback_order", ConfigKeys.Categories) is not { } s)
            return PlaybackOrders.Default;
        PlaybackDirection Order(string key) => ReadChoice(s, key, PlaybackDirection.Fifo, Directions, "a playback order");
        return new PlaybackOrders(Order("new"), Order("old"), Order("saved"), Order("unopened"), Order("new_recordings"), Order("old_recordings"), Order("deleted"));
    }

    /// <summary>Breakout numbers; a user's overrides (<paramref name="allowEmpty"/>) may be "" for "none".</summary>
    private BreakoutNumbers BindBreakout(ObjectScope parent, bool allowEmpty)
    {
        if (ReadSection(parent, "breakout", ConfigKeys.Breakout) is not { } s)
            return BreakoutNumbers.None;
        string? Number(string key) => ReadNumber(s, key, 32, dialString: true, allowEmpty) is { } n && (allowEmpty || n.Length > 0) ? n : null;
        return new BreakoutNumbers(Number("dtmf0"), Number("dtmf2"), Number("dtmf3"));
    }

    /// <summary>
    /// The <c>language</c> of <c>system</c> or of a user: a prompt language code (case-sensitive), or null when absent;
    /// with <paramref name="allowEmpty"/> (a user) <c>""</c> is "not set" too.
    /// </summary>
    private string? BindLanguage(ObjectScope scope, bool allowEmpty = false)
    {
        if (ReadString(scope, "language") is not { } code || (allowEmpty && code.Length == 0))
            return null;
        if (PromptLanguages.All.ContainsKey(code))
            return code;
        _sink.Error(scope["language"]!.Value.Offset, scope.PathOf("language"), ConfigurationCodes.InvalidValue,
            $"'{code}' is not an installable prompt language{Suggestions.DidYouMean(code, PromptLanguages.All.Keys)}",
            "use one of " + string.Join(", ", PromptLanguages.All.Keys.Order(StringComparer.Ordinal)));
        return null;
    }

    private string? BindTimeZone(ObjectScope system)
    {
        if (ReadString(system, "time_zone") is not { } id)
            return null;
        if (TimeZones.Check(id) is not { } problem)
            return id;
        _sink.Error(system["time_zone"]!.Value.Offset, system.PathOf("time_zone"), ConfigurationCodes.InvalidValue, problem.Message, problem.Hint);
        return null;
    }

    private string? BindDataDirectory(ObjectScope system)
    {
        if (ReadString(system, "data_directory") is not { } path)
            return null;
        if (path.Trim().Length > 0 && !path.Any(char.IsControl))
            return path;
        _sink.Error(system["data_directory"]!.Value.Offset, system.PathOf("data_directory"), ConfigurationCodes.InvalidValue,
            "data_directory must be a folder path, not empty and without control characters",
            "a relative path is relative to the folder of this file, e.g. \"data\"");
        return null;
    }

    private CodeLockout BindCodeLockout(ObjectScope system)
    {
        var d = CodeLockout.Default;
        if (ReadSection(system, "code_lockout", ConfigKeys.CodeLockout) is not { } s)
            return d;
        return new CodeLockout(ReadInt(s, "attempts", d.Attempts, 0, 100, "attempts"), ReadInt(s, "minutes", d.Minutes, 1, 1440, "minutes"));
    }

    private DiskAlarm BindDiskAlarm(ObjectScope system)
    {
        var d = DiskAlarm.Default;
        if (ReadSection(system, "disk_alarm", ConfigKeys.DiskAlarm) is not { } s)
            return d;
        var unit = ReadChoice(s, "unit", d.Unit, AlarmUnits, "an alarm unit");
        return new DiskAlarm(unit, ReadInt(s, "threshold", d.Threshold, DiskAlarm.MinThreshold, 1_000_000, unit == DiskAlarmUnit.Minutes ? "minutes" : "MB"));
    }
}
