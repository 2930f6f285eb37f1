namespace CallFlow.Configuration;

/// <summary>
/// The codes of <see cref="ConfigurationDiagnostic"/>, by kind of problem: CFG0xx the file, CFG1xx the JSON shape,
/// CFG2xx single values, CFG3xx rules across entries, CFG4xx warnings. Listed in docs/configuration.md. A code is
/// never reused for another meaning.
/// </summary>
public static class ConfigurationCodes
{
    /// <summary>The file is not valid JSON (comments and trailing commas are allowed).</summary>
    public const string Syntax = "CFG001";

    /// <summary>The file is missing or cannot be read.</summary>
    public const string Unreadable = "CFG002";

    /// <summary>A key this section does not have (with "did you mean" when one is close).</summary>
    public const string UnknownKey = "CFG101";

    /// <summary>The same key twice in one object.</summary>
    public const string DuplicateKey = "CFG102";

    /// <summary>A value of the wrong JSON type (a number where a string belongs, …).</summary>
    public const string WrongType = "CFG103";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "CFG104";

    /// <summary>A number outside its range (the message gives the range and the mode).</summary>
    public const string OutOfRange = "CFG201";

    /// <summary>A value of the right type that is not allowed: an unknown option, a malformed number or address.</summary>
    public const string InvalidValue = "CFG202";

    /// <summary>A setting that cannot be set in the configured telephony interface.</summary>
    public const string NotInThisMode = "CFG203";

    /// <summary>Settings that contradict each other (max message length below the minimum).</summary>
    public const string Inconsistent = "CFG204";

    /// <summary>Two mailboxes with the same name (users and groups share one name space).</summary>
    public const string DuplicateName = "CFG301";

    /// <summary>Two mailboxes with the same extension.</summary>
    public const string DuplicateExtension = "CFG302";

    /// <summary>A member or <c>H</c> source number that names no such user or group.</summary>
    public const string UndefinedReference = "CFG303";

    /// <summary>An e-mail mode other than off without an e-mail address.</summary>
    public const string EmailModeWithoutAddress = "CFG304";

    /// <summary>Warning: trailing spaces dropped from a mailbox name (reference §7.1).</summary>
    public const string TrailingSpaces = "CFG401";

    /// <summary>Warning: a broadcast group with no members keeps its messages.</summary>
    public const string BroadcastWithoutMembers = "CFG402";

    /// <summary>Warning: the same member or source number listed twice (the repeat is ignored).</summary>
    public const string Repeated = "CFG403";

    /// <summary>Warning: two mailbox names that differ only in case (they are different mailboxes).</summary>
    public const string NamesDifferInCase = "CFG404";

    /// <summary>Warning: an SMTP password that would cross the network in clear (no TLS, no CRAM-MD5).</summary>
    public const string PasswordInClear = "CFG405";

    /// <summary>Warning: a mailbox e-mail mode that has no effect because no SMTP sender is configured.</summary>
    public const string EmailModeWithoutSender = "CFG406";
}
