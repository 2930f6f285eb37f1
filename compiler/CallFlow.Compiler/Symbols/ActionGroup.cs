namespace CallFlow.Compiler.Symbols;

/// <summary>The action groups of the Voicemail Pro client (reference §3).</summary>
public enum ActionGroup
{
    Start,
    Basic,
    Mailbox,
    Configuration,
    Telephony,
    Miscellaneous,
    Condition,
    Database,
    Queue,
}
