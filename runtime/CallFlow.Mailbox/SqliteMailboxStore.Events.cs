namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    private readonly object _eventGate = new();
    private readonly Dictionary<string, long> _lastDelivered = new(StringComparer.Ordinal);
    private long _eventSequence; // advanced only under _writeGate

    /// <inheritdoc />
    public event EventHandler<MessageWaitingChangedEventArgs>? MessageWaitingChanged;

    /// <summary>
    /// Delivers after commit, one at a time. Two commits can race to here in either order; the sequence number
    /// drops the older one if the newer was delivered first, so subscribers end on the true counts.
    /// </summary>
    private void Publish(IReadOnlyList<MessageWaitingChange> changes)
    {
        if (changes.Count == 0)
            return;
        lock (_eventGate)
        {
            foreach (var change in changes)
            {
                if (_lastDelivered.TryGetValue(change.Mailbox, out var last) && last >= change.Sequence)
                    continue;
                _lastDelivered[change.Mailbox] = change.Sequence;
                try
                {
                    MessageWaitingChanged?.Invoke(this, new MessageWaitingChangedEventArgs(change.Mailbox, change.Counts));
                }
                catch (Exception e)
                {
                    // The change is committed; a failing subscriber must not make the caller think it was not.
                    Log($"message waiting handler failed for '{change.Mailbox}': {e.Message}");
                }
            }
        }
    }
}
