using CallFlow.Configuration;
using CallFlow.Mailbox;

namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>
/// Runs mailbox housekeeping when the server is idle (reference §9: "in the next idle period, when there are no calls
/// to or from the server"): after <see cref="IdlePeriod"/> without a call, at most once per idle period. The server
/// tells it when calls start and end and calls <see cref="TickAsync"/> from its clock; time is passed in, so tests
/// drive it with a virtual clock. Messages being played are skipped by the store (playback leases).
/// </summary>
public sealed class HousekeepingScheduler(IMailboxStore store, HousekeepingPolicy policy)
{
    private readonly Lock _lock = new();
    private int _activeCalls;
    private DateTimeOffset _idleSince = DateTimeOffset.MinValue;
    private bool _ranThisIdlePeriod;

    /// <summary>How long the server must be without calls first; older editions of the manual say two hours.</summary>
    public TimeSpan IdlePeriod { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The policy for the configured hours per category (0 keeps that category for ever).</summary>
    public static HousekeepingPolicy PolicyFor(CallFlowConfiguration configuration)
    {
        var hours = configuration.System.Housekeeping;
        return new HousekeepingPolicy
        {
            NewHours = hours.New, OldHours = hours.Old, SavedHours = hours.Saved, UnopenedHours = hours.Unopened,
            NewRecordingHours = hours.NewRecordings, OldRecordingHours = hours.OldRecordings, DeletedHours = hours.Deleted,
        };
    }

    /// <summary>A call began: the server is busy.</summary>
    public void CallStarted()
    {
        lock (_lock)
            _activeCalls++;
    }

    /// <summary>A call ended at <paramref name="now"/>; when it was the last one an idle period begins.</summary>
    public void CallEnded(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (--_activeCalls > 0)
                return;
            _activeCalls = 0;
            _idleSince = now;
            _ranThisIdlePeriod = false;
        }
    }

    /// <summary>Runs housekeeping if the server has been idle long enough and has not run it in this idle period;
    /// returns what it did, or null when it did not run.</summary>
    public async Task<HousekeepingResult?> TickAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_activeCalls > 0 || _ranThisIdlePeriod || now - _idleSince < IdlePeriod)
                return null;
            _ranThisIdlePeriod = true;
        }
        return await store.RunHousekeepingAsync(now, policy, cancellationToken).ConfigureAwait(false);
    }
}
