using System.Collections.Concurrent;
using System.Globalization;

namespace CallFlow.Server.Sip;

/// <summary>
/// The park slots of Park and Page: a parked caller waits in a slot until someone calls the slot's number (an INVITE
/// whose Request-URI user is the slot) and is connected to them. Slots the flow names are used as given (any digits);
/// otherwise the lowest free number of <c>server.park_slot_min</c>..<c>park_slot_max</c> is taken.
/// </summary>
internal sealed class ParkSlots(int first, int last)
{
    private readonly ConcurrentDictionary<string, ParkedCall> _parked = new(StringComparer.Ordinal);

    /// <summary>Calls parked now.</summary>
    public int Count => _parked.Count;

    /// <summary>Parks <paramref name="dialog"/> in <paramref name="wanted"/> (null or empty: any free slot). Null when
    /// that slot is taken or every slot is.</summary>
    public ParkedCall? Park(SipDialog dialog, string? wanted)
    {
        if (!string.IsNullOrEmpty(wanted))
        {
            var call = new ParkedCall(wanted, dialog);
            return _parked.TryAdd(wanted, call) ? call : null;
        }
        for (var slot = first; slot <= last; slot++)
        {
            var name = slot.ToString(CultureInfo.InvariantCulture);
            var call = new ParkedCall(name, dialog);
            if (_parked.TryAdd(name, call))
                return call;
        }
        return null;
    }

    /// <summary>The call parked in <paramref name="slot"/> if it is still waiting, claimed for the caller who picks it
    /// up (a second pick-up of the same slot finds nothing).</summary>
    public ParkedCall? Claim(string? slot) =>
        slot is not null && _parked.TryGetValue(slot, out var call) && call.TryClaim() ? call : null;

    /// <summary>Frees the slot of <paramref name="call"/> (picked up, timed out, or the caller hung up).</summary>
    public void Release(ParkedCall call) => _parked.TryRemove(new KeyValuePair<string, ParkedCall>(call.Slot, call));
}

/// <summary>A caller waiting in a park slot, and the pick-up that ends the wait. Waiting → claimed (a pick-up INVITE
/// was answered) → picked up (its ACK came); or closed (timed out, caller gone), after which no pick-up succeeds.</summary>
internal sealed class ParkedCall(string slot, SipDialog dialog)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<SipDialog> _pickedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _claimed;
    private bool _closed;

    /// <summary>The slot number.</summary>
    public string Slot { get; } = slot;

    /// <summary>The parked caller's dialog.</summary>
    public SipDialog Dialog { get; } = dialog;

    /// <summary>Completes with the dialog of whoever picked the call up (once their ACK arrived).</summary>
    public Task<SipDialog> PickedUp => _pickedUp.Task;

    /// <summary>Ends the wait without a pick-up; false when a pick-up already completed (take it instead).</summary>
    public bool TryClose()
    {
        lock (_lock)
        {
            if (_pickedUp.Task.IsCompleted)
                return false;
            _closed = true;
            return true;
        }
    }

    /// <summary>Reserves the call for one pick-up; false when it is taken or closed.</summary>
    public bool TryClaim()
    {
        lock (_lock)
        {
            if (_claimed || _closed)
                return false;
            _claimed = true;
            return true;
        }
    }

    /// <summary>A claimed pick-up that failed before it was confirmed: the slot can be picked up again.</summary>
    public void Unclaim()
    {
        lock (_lock)
            _claimed = _pickedUp.Task.IsCompleted;
    }

    /// <summary>The pick-up was confirmed (ACK); false when the parked call was closed meanwhile.</summary>
    public bool Complete(SipDialog picker)
    {
        lock (_lock)
            return !_closed && _pickedUp.TrySetResult(picker);
    }
}
