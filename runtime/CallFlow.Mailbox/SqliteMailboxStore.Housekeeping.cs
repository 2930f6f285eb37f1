namespace CallFlow.Mailbox;

public sealed partial class SqliteMailboxStore
{
    private const int HousekeepingBatch = 500;

    /// <inheritdoc />
    public async Task<HousekeepingResult> RunHousekeepingAsync(DateTimeOffset now, HousekeepingPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var hours = Enum.GetValues<MessageCategory>().ToDictionary(category => category, policy.HoursFor);
        if (hours.Values.Any(h => h < 0))
            throw new ArgumentOutOfRangeException(nameof(policy), "housekeeping hours must not be negative");
        var enabled = hours.Values.Where(h => h > 0).ToList();
        var deleted = new Dictionary<MessageCategory, int>();
        if (enabled.Count == 0)
            return new HousekeepingResult(deleted, 0);

        // Candidates: everything that has been in its state at least as long as the shortest enabled period. A
        // Forward-mode message waiting for its e-mail is the outbox's to remove, never housekeeping's.
        var due = new List<StoredMessage>();
        using (var connection = OpenConnection())
        using (var command = Command(connection, null, $"{MessageSelect} WHERE m.state_changed_ms <= $cutoff AND m.state <> $awaiting ORDER BY m.seq",
                   ("$cutoff", ToMs(now - TimeSpan.FromHours(enabled.Min()))), ("$awaiting", (int)MessageState.AwaitingEmail)))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.Read())
            {
                var stored = ReadStored(reader);
                var h = hours[stored.Message.Category];
                if (h > 0 && stored.Message.StateChangedUtc <= now - TimeSpan.FromHours(h))
                    due.Add(stored);
            }
        }

        var skipped = 0;
        foreach (var batch in due.Chunk(HousekeepingBatch))
        {
            // Claim first: a message open for playback is never touched, and none can be opened while it goes.
            var claimed = new List<StoredMessage>();
            foreach (var stored in batch)
            {
                if (_leases.TryClaimForPurge(stored.Message.Id))
                    claimed.Add(stored);
                else
                    skipped++;
            }
            try
            {
                var gone = await WriteTransactionAsync((connection, transaction, tracker) =>
                {
                    var removed = new List<StoredMessage>();
                    foreach (var stored in claimed)
                    {
                        tracker.Watch(stored.Message.Mailbox);
                        // Only if nothing changed since it was read (someone may have saved it meanwhile).
                        var rows = Execute(connection, transaction,
                            "DELETE FROM messages WHERE id = $id AND state = $state AND state_changed_ms = $changed",
                            ("$id", stored.Message.Id), ("$state", (int)stored.Message.State), ("$changed", ToMs(stored.Message.StateChangedUtc)));
                        if (rows == 1)
                            removed.Add(stored);
                    }
                    return removed;
                }, cancellationToken).ConfigureAwait(false);
                foreach (var stored in gone)
                {
                    DurableFile.TryDelete(MessagePath(stored.DirName, stored.Message.Id));
                    deleted[stored.Message.Category] = deleted.GetValueOrDefault(stored.Message.Category) + 1;
                }
            }
            finally
            {
                claimed.ForEach(stored => _leases.EndPurge(stored.Message.Id));
            }
        }
        return new HousekeepingResult(deleted, skipped);
    }
}
