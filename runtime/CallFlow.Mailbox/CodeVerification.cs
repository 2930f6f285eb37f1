namespace CallFlow.Mailbox;

/// <summary>Result of <see cref="IMailboxStore.VerifyCodeAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="FailedAttempts">Consecutive failures counted so far (0 after a success).</param>
/// <param name="LockedUntilUtc">When set, the mailbox refuses every code entry until then.</param>
public sealed record CodeVerification(CodeVerificationStatus Status, int FailedAttempts, DateTimeOffset? LockedUntilUtc)
{
    /// <summary>True only for <see cref="CodeVerificationStatus.Accepted"/>.</summary>
    public bool IsAccepted => Status == CodeVerificationStatus.Accepted;
}
