using System.Collections.Concurrent;

namespace CallFlow.Server.Sip;

/// <summary>
/// The live message-waiting subscriptions, by dialog (for refreshes) and by mailbox (for changes). Safe for the
/// receive loop, the store's event and the subscription loop at once; a change to one mailbox touches only that
/// mailbox's subscribers.
/// </summary>
internal sealed class SubscriptionRegistry
{
    private readonly ConcurrentDictionary<string, Subscription> _byKey = new(StringComparer.Ordinal);

    // An emptied mailbox set is kept rather than removed: removing it could race with an add that has just fetched it.
    // There is at most one per configured mailbox, since only those can be subscribed to.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _byMailbox = new(StringComparer.Ordinal);

    /// <summary>Live subscriptions.</summary>
    public int Count => _byKey.Count;

    /// <summary>Every live subscription, enumerated without a copy (safe while others add and remove): the sweep walks it every second.</summary>
    public IEnumerable<Subscription> All => _byKey.Select(pair => pair.Value);

    /// <summary>Adds a subscription; false if its dialog key is taken.</summary>
    public bool TryAdd(Subscription subscription)
    {
        if (!_byKey.TryAdd(subscription.Key, subscription))
            return false;
        _byMailbox.GetOrAdd(subscription.Mailbox, _ => new ConcurrentDictionary<Subscription, byte>()).TryAdd(subscription, 0);
        return true;
    }

    /// <summary>The subscription of a dialog (Call-ID and our tag), or null.</summary>
    public Subscription? Find(string? callId, string? localTag) =>
        _byKey.TryGetValue(Subscription.KeyOf(callId, localTag), out var subscription) ? subscription : null;

    /// <summary>Removes a subscription; false when it was already gone.</summary>
    public bool Remove(Subscription subscription)
    {
        if (!_byKey.TryRemove(KeyValuePair.Create(subscription.Key, subscription)))
            return false;
        if (_byMailbox.TryGetValue(subscription.Mailbox, out var set))
            set.TryRemove(subscription, out _);
        return true;
    }

    /// <summary>Whether anyone watches <paramref name="mailbox"/>.</summary>
    public bool HasSubscribers(string mailbox) => _byMailbox.TryGetValue(mailbox, out var set) && !set.IsEmpty;

    /// <summary>The subscriptions to <paramref name="mailbox"/>.</summary>
    public IEnumerable<Subscription> Of(string mailbox) =>
        _byMailbox.TryGetValue(mailbox, out var set) ? set.Keys : [];
}
