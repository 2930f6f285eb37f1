using Microsoft.Data.Sqlite;

namespace CallFlow.Mailbox;

/// <summary>
/// Inside one write transaction: remembers the counts of each mailbox about to change, and at the end reports the
/// mailboxes whose New or Unopened count moved. Both reads happen in the transaction, so they are exact.
/// </summary>
internal sealed class MessageWaitingTracker(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly Dictionary<string, MessageCounts> _before = new(StringComparer.Ordinal);

    /// <summary>Call before changing any message of <paramref name="mailbox"/>.</summary>
    public void Watch(string mailbox)
    {
        if (!_before.ContainsKey(mailbox))
            _before[mailbox] = SqliteMailboxStore.ReadCounts(connection, transaction, mailbox);
    }

    public IReadOnlyList<MessageWaitingChange> Collect(Func<long> nextSequence)
    {
        var changes = new List<MessageWaitingChange>();
        foreach (var (mailbox, before) in _before.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var after = SqliteMailboxStore.ReadCounts(connection, transaction, mailbox);
            if (after.New != before.New || after.Unopened != before.Unopened)
                changes.Add(new MessageWaitingChange(mailbox, after, nextSequence()));
        }
        return changes;
    }
}
