using System.Net;
using CallFlow.Server.Sip;
using CallFlow.Sip;
using CallFlow.Sip.Transport;

namespace CallFlow.Server.Tests;

/// <summary>One subscription's bookkeeping: one NOTIFY in flight at a time with the latest state, refreshes, expiry, the end.</summary>
public sealed class MessageWaitingSubscriptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly SipPeer Phone = new(new IPEndPoint(IPAddress.Loopback, 5070), null);

    private static Subscription New(DateTimeOffset? expiresAt = null) =>
        new("call-1@phone", "abc", "<sip:201@cf>;tag=abc", "<sip:201@phone>;tag=xyz", "xyz", null, "Alice", "sip:Alice@cf", [],
            SipUri.Parse("sip:phone@192.0.2.7:5070"), Phone, 1, expiresAt ?? Now.AddSeconds(600));

    private static readonly MessageSummary None = MessageSummary.Empty;
    private static readonly MessageSummary One = new(1, 0, 0, 0);
    private static readonly MessageSummary Two = new(2, 0, 0, 0);

    [Fact]
    public void Changes_during_a_NOTIFY_in_flight_become_one_NOTIFY_with_the_latest_state()
    {
        var subscription = New();
        Assert.True(subscription.Offer(None));           // idle: the caller starts sending
        Assert.True(subscription.TryTakeNext(Now, out var first));
        Assert.Equal(None, first.Summary);
        Assert.False(subscription.Offer(One));           // in flight: only remembered
        Assert.False(subscription.Offer(Two));
        Assert.True(subscription.TryTakeNext(Now, out var second));
        Assert.Equal(Two, second.Summary);
        Assert.Equal(first.CSeq + 1, second.CSeq);
        Assert.False(subscription.TryTakeNext(Now, out _));   // nothing new: the sender stops
        Assert.True(subscription.Offer(One));            // and the next change starts it again
    }

    [Fact]
    public void The_state_says_active_with_the_seconds_left_until_the_end_which_is_terminated_with_its_reason()
    {
        var subscription = New(Now.AddSeconds(90));
        subscription.Offer(One);
        Assert.True(subscription.TryTakeNext(Now.AddSeconds(0.5), out var active));
        Assert.Equal("active;expires=90", active.State);
        Assert.False(active.IsFinal);
        Assert.False(subscription.End("timeout", null));  // queued behind the NOTIFY in flight, not sent beside it
        Assert.True(subscription.TryTakeNext(Now, out var final));
        Assert.Equal("terminated;reason=timeout", final.State);
        Assert.Equal(One, final.Summary);                // the last state known goes with it
        Assert.False(subscription.Offer(Two));           // after the end nothing more is sent
        Assert.False(subscription.End("timeout", Two));
        Assert.Equal("terminated;reason=probation;retry-after=30", (final with { EndReason = "probation", RetryAfter = 30 }).State);
    }

    [Fact]
    public void A_refresh_needs_a_higher_CSeq_and_follows_the_subscriber_to_its_new_contact_and_address()
    {
        var subscription = New();
        var moved = new SipPeer(new IPEndPoint(IPAddress.Loopback, 5080), null);
        Assert.Equal(Subscription.RefreshResult.OutOfOrder, subscription.Refresh(1, Now.AddSeconds(60), null, moved));
        Assert.Equal(Subscription.RefreshResult.Refreshed, subscription.Refresh(2, Now.AddSeconds(60), SipUri.Parse("sip:phone@192.0.2.8"), moved));
        Assert.Equal(Now.AddSeconds(60), subscription.ExpiresAt);
        subscription.Offer(One);
        subscription.TryTakeNext(Now, out var next);
        Assert.Equal(moved, next.Peer);
        Assert.Equal("sip:phone@192.0.2.8", next.Target.ToString());
        // An unsubscribe closes it: later refreshes find it ended.
        Assert.Equal(Subscription.RefreshResult.Refreshed, subscription.Refresh(3, null, null, moved));
        Assert.Equal(Subscription.RefreshResult.Ended, subscription.Refresh(4, Now.AddSeconds(60), null, moved));
    }

    [Fact]
    public void It_expires_once_when_due_and_not_before()
    {
        var subscription = New(Now.AddSeconds(10));
        Assert.False(subscription.ExpireIfDue(Now.AddSeconds(9)));
        Assert.True(subscription.ExpireIfDue(Now.AddSeconds(10)));
        Assert.False(subscription.ExpireIfDue(Now.AddSeconds(11)));
        Assert.Equal(Subscription.RefreshResult.Ended, subscription.Refresh(2, Now.AddSeconds(60), null, Phone));
    }

    [Fact]
    public void The_registry_finds_a_subscription_by_dialog_and_by_mailbox_until_it_is_removed()
    {
        var registry = new SubscriptionRegistry();
        var subscription = New();
        Assert.True(registry.TryAdd(subscription));
        Assert.False(registry.TryAdd(subscription));
        Assert.Same(subscription, registry.Find("call-1@phone", "abc"));
        Assert.Null(registry.Find("call-1@phone", "other"));
        Assert.True(registry.HasSubscribers("Alice"));
        Assert.Same(subscription, Assert.Single(registry.Of("Alice")));
        Assert.True(registry.Remove(subscription));
        Assert.False(registry.Remove(subscription));
        Assert.False(registry.HasSubscribers("Alice"));
        Assert.Empty(registry.Of("Alice"));
        Assert.Equal(0, registry.Count);
    }
}
