namespace CallFlow.Sip;

/// <summary>
/// Method names the stack knows. Methods are case-sensitive tokens (RFC 3261 §7.1): "invite" is an unknown method,
/// and so is "IN%56ITE".
/// </summary>
public static class SipMethods
{
    /// <summary>INVITE (RFC 3261).</summary>
    public const string Invite = "INVITE";
    /// <summary>ACK (RFC 3261).</summary>
    public const string Ack = "ACK";
    /// <summary>BYE (RFC 3261).</summary>
    public const string Bye = "BYE";
    /// <summary>CANCEL (RFC 3261).</summary>
    public const string Cancel = "CANCEL";
    /// <summary>OPTIONS (RFC 3261).</summary>
    public const string Options = "OPTIONS";
    /// <summary>REGISTER (RFC 3261).</summary>
    public const string Register = "REGISTER";
    /// <summary>PRACK (RFC 3262).</summary>
    public const string Prack = "PRACK";
    /// <summary>SUBSCRIBE (RFC 6665).</summary>
    public const string Subscribe = "SUBSCRIBE";
    /// <summary>NOTIFY (RFC 6665).</summary>
    public const string Notify = "NOTIFY";
    /// <summary>PUBLISH (RFC 3903).</summary>
    public const string Publish = "PUBLISH";
    /// <summary>INFO (RFC 6086).</summary>
    public const string Info = "INFO";
    /// <summary>REFER (RFC 3515).</summary>
    public const string Refer = "REFER";
    /// <summary>MESSAGE (RFC 3428).</summary>
    public const string Message = "MESSAGE";
    /// <summary>UPDATE (RFC 3311).</summary>
    public const string Update = "UPDATE";

    /// <summary>Returns the interned constant for a known method, so parsing one allocates nothing.</summary>
    internal static string Intern(ReadOnlySpan<char> method) => method switch
    {
        Invite => Invite,
        Ack => Ack,
        Bye => Bye,
        Cancel => Cancel,
        Options => Options,
        Register => Register,
        Prack => Prack,
        Subscribe => Subscribe,
        Notify => Notify,
        Publish => Publish,
        Info => Info,
        Refer => Refer,
        Message => Message,
        Update => Update,
        _ => new string(method),
    };
}
