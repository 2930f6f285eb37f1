namespace CallFlow.Configuration;

/// <summary>
/// How often and how patiently a queued e-mail is tried: the first retry after <paramref name="FirstDelaySeconds"/>,
/// each next one after twice the previous wait, never more than <paramref name="MaxDelaySeconds"/>; after
/// <paramref name="Attempts"/> attempts the e-mail is marked failed (kept, visible in <c>vmc mail list</c>).
/// </summary>
/// <param name="Attempts">Attempts in all, the first included (default 20).</param>
/// <param name="FirstDelaySeconds">Wait after the first failure (default 30).</param>
/// <param name="MaxDelaySeconds">Longest wait between two attempts (default 3600).</param>
public sealed record EmailRetryPolicy(int Attempts, int FirstDelaySeconds, int MaxDelaySeconds)
{
    /// <summary>20 attempts, 30 s doubling up to an hour: about 15 hours of trying.</summary>
    public static EmailRetryPolicy Default { get; } = new(20, 30, 3600);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt: deterministic, no jitter.</summary>
    /// <example><c>new EmailRetryPolicy(5, 30, 100).DelayAfter(3)</c> is 100 s (30, 60, then 120 capped at 100).</example>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var seconds = (double)FirstDelaySeconds * Math.Pow(2, Math.Min(failedAttempts - 1, 40));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelaySeconds));
    }
}
