namespace CallFlow.Configuration.Binding;

/// <summary>The keys each section may have, in the order docs/configuration.md lists them.</summary>
internal static class ConfigKeys
{
    public static readonly string[] Root = ["$schema", "system", "users", "groups", "server", "email"];

    public static readonly string[] Server =
    [
        "sip_address", "sip_port", "transports", "rtp_port_min", "rtp_port_max", "media_address", "http_address", "http_port",
        "max_calls", "shutdown_grace_seconds", "keep_versions", "answer_delay_ms", "pbx_address", "park_slot_min", "park_slot_max",
        "pbx_auth",
    ];

    public static readonly string[] PbxAuth = ["user", "password", "password_file"];

    public static readonly string[] System =
    [
        "telephony_interface", "min_message_length", "max_message_length", "min_password_length", "housekeeping",
        "playback_order", "breakout", "language", "time_zone", "data_directory", "code_lockout", "disk_alarm",
    ];

    /// <summary>The message categories of reference §9, for housekeeping and playback_order.</summary>
    public static readonly string[] Categories = ["new", "old", "saved", "unopened", "new_recordings", "old_recordings", "deleted"];

    public static readonly string[] Breakout = ["dtmf0", "dtmf2", "dtmf3"];

    public static readonly string[] CodeLockout = ["attempts", "minutes"];

    public static readonly string[] DiskAlarm = ["unit", "threshold"];

    public static readonly string[] User =
    [
        "name", "extension", "full_name", "voicemail_on", "voicemail_help", "ringback", "email", "email_mode", "breakout",
        "source_numbers", "language",
    ];

    public static readonly string[] Group = ["name", "extension", "members", "broadcast", "email", "email_mode"];

    public static readonly string[] Email = ["senders", "receiver", "retry", "concurrency", "timeout_seconds"];

    public static readonly string[] Sender =
    [
        "domains", "host", "port", "security", "sender", "sender_name", "user", "password", "password_file", "cram_md5",
        "certificate_sha256",
    ];

    public static readonly string[] Receiver = ["enabled", "address", "port", "domain", "max_message_mb"];

    public static readonly string[] Retry = ["attempts", "first_delay_seconds", "max_delay_seconds"];
}
