namespace CallFlow.Configuration;

/// <summary>What happens by e-mail when a mailbox gets a new message (reference §10.4). Every mode but Off needs an address.</summary>
public enum EmailMode
{
    /// <summary>No automatic e-mail (<c>"off"</c>, the default).</summary>
    Off,

    /// <summary>An e-mail with a copy of the message attached; the message stays in the mailbox (<c>"copy"</c>).</summary>
    Copy,

    /// <summary>An e-mail with the message attached and no copy kept, so no message waiting lamp (<c>"forward"</c>).</summary>
    Forward,

    /// <summary>A plain notification e-mail without the audio (<c>"alert"</c>).</summary>
    Alert,
}
