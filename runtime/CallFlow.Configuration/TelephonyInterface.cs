namespace CallFlow.Configuration;

/// <summary>
/// The server-wide mailbox mode, Voicemail Pro's <i>Default Telephony Interface</i> (reference §7.2, §8.1). It changes
/// defaults and ranges: <c>min_message_length</c> can only be set in Intuity mode, and the minimum password length
/// may go down to 0 only in IP Office mode.
/// </summary>
public enum TelephonyInterface
{
    /// <summary>Intuity emulation, the default (<c>"intuity"</c>).</summary>
    Intuity,

    /// <summary>IP Office mailbox mode (<c>"ip_office"</c>).</summary>
    IpOffice,
}
