namespace CallFlow.Email;

/// <summary>What one <see cref="OutboxWorker.RunOnceAsync"/> did.</summary>
/// <param name="Sent">E-mails a server accepted.</param>
/// <param name="Retrying">E-mails whose attempt failed and that wait for a later one.</param>
/// <param name="Failed">E-mails given up for good (refused, or out of attempts).</param>
public sealed record OutboxRunSummary(int Sent, int Retrying, int Failed)
{
    /// <summary>Attempts made in all.</summary>
    public int Attempts => Sent + Retrying + Failed;
}
