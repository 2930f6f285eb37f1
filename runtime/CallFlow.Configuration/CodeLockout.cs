namespace CallFlow.Configuration;

/// <summary>How many wrong voicemail codes in a row lock a mailbox, and for how long (CallFlow's own guard against guessing).</summary>
/// <param name="Attempts">Consecutive failures that start a lockout; 0 disables lockout.</param>
/// <param name="Minutes">How long a lockout lasts.</param>
public sealed record CodeLockout(int Attempts, int Minutes)
{
    /// <summary>5 attempts, 15 minutes: the mailbox store's own defaults.</summary>
    public static CodeLockout Default { get; } = new(5, 15);
}
