using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CallFlow.Mailbox;
using CallFlow.Sip;
using CallFlow.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace CallFlow.Server.Sip;

/// <summary>
/// Message waiting over SIP, as the notifier: SUBSCRIBE for the message-summary package (RFC 3842) with RFC 6665's
/// subscription rules, and a NOTIFY to every subscriber of a mailbox whenever the store says its lamp changed.
/// </summary>
/// <remarks>
/// One loop serves every subscription: it reads a mailbox's counts when they changed or someone (re)subscribed, hands
/// the summary to the subscriptions, and every <see cref="SubscriptionLimits.SweepInterval"/> ends the expired ones.
/// A subscription costs memory only; a NOTIFY is a task while it is in flight. NOTIFYs go to where the subscriber's
/// SUBSCRIBE came from, never to a host named in a header (RFC 3261 §18.2.2).
/// </remarks>
public sealed partial class SipFrontEnd
{
    private readonly SubscriptionRegistry _subscriptions = new();
    private readonly Channel<SummaryWork> _summaryWork = Channel.CreateUnbounded<SummaryWork>(new UnboundedChannelOptions { SingleReader = true });

    // Mailboxes queued for a summary: a burst of changes to one mailbox queues it once (the read sees the latest counts).
    private readonly ConcurrentDictionary<string, byte> _changedMailboxes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _subscriptionLoopStop = new();

    // Separate from the loop's: stopping still sends the final NOTIFYs, then gives up on those left unanswered.
    private readonly CancellationTokenSource _notifyStop = new();
    private int _notifying;
    private int _subscriptionsStopped;
    private Task? _subscriptionLoop;
    private IMailboxStore? _watchedStore;
    private FrozenDictionary<string, ImmutableArray<string>>? _groupLamps;

    /// <summary>Subscription durations and the loop's timing (tests shorten them).</summary>
    internal SubscriptionLimits SubscriptionLimits { get; init; } = SubscriptionLimits.Default;

    /// <summary>The live message-waiting subscriptions.</summary>
    internal IReadOnlyList<Subscription> Subscriptions => [.. _subscriptions.All];

    /// <summary>Starts following the store's message-waiting changes and the subscription loop (from <see cref="Start"/>).</summary>
    private void StartSubscriptions()
    {
        _watchedStore = _host.Store;
        _watchedStore.MessageWaitingChanged += OnMessageWaitingChanged;
        _subscriptionLoop = Task.Run(() => SubscriptionLoopAsync(_subscriptionLoopStop.Token), CancellationToken.None);
    }

    /// <summary>
    /// Stops the loop and ends every subscription with <c>terminated;reason=probation;retry-after=N</c> (RFC 6665 §4.2.2),
    /// so phones subscribe again once the server is back instead of keeping a lamp nobody updates until their next
    /// refresh; waits a little for the answers.
    /// </summary>
    private async Task StopSubscriptionsAsync()
    {
        if (Interlocked.Exchange(ref _subscriptionsStopped, 1) == 1)
            return;
        if (_watchedStore is not null)
            _watchedStore.MessageWaitingChanged -= OnMessageWaitingChanged;
        await _subscriptionLoopStop.CancelAsync().ConfigureAwait(false);
        if (_subscriptionLoop is not null)
            await _subscriptionLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var retryAfter = (uint)SubscriptionLimits.RetryAfterShutdown.TotalSeconds;
        foreach (var subscription in _subscriptions.All)
        {
            _subscriptions.Remove(subscription);
            if (subscription.End("probation", null, retryAfter))
                StartNotifying(subscription);
        }
        var deadline = DateTimeOffset.UtcNow + SubscriptionLimits.ShutdownWait;
        while (Volatile.Read(ref _notifying) > 0 && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(20).ConfigureAwait(false);
        await _notifyStop.CancelAsync().ConfigureAwait(false);
        for (var i = 0; i < 50 && Volatile.Read(ref _notifying) > 0; i++)
            await Task.Delay(10).ConfigureAwait(false);
        _subscriptionLoopStop.Dispose();
        // A sender still unwinding would read the token of a disposed source; it holds no timer, so it can stay.
        if (Volatile.Read(ref _notifying) == 0)
            _notifyStop.Dispose();
    }

    private async ValueTask SubscribeAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (Volatile.Read(ref _subscriptionsStopped) == 1)
        {
            // Stopping: nothing would notify this subscriber any more.
            var unavailable = request.CreateResponse(503);
            unavailable.Headers.Add("Retry-After", ((long)SubscriptionLimits.RetryAfterShutdown.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            await transaction.RespondAsync(unavailable).ConfigureAwait(false);
            return;
        }
        var eventText = request.Headers.GetFirst(SipHeaderNames.Event);
        if (eventText is not null && !SipEvent.TryParse(eventText, out _))
        {
            await transaction.RespondAsync(request.CreateResponse(400, "Malformed Event header")).ConfigureAwait(false);
            return;
        }
        // Event packages compare byte by byte (RFC 6665 §8.2.1); without an Event header there is no package to serve.
        if (request.Event is not { Package: MessageSummary.EventPackage } sipEvent)
        {
            var badEvent = request.CreateResponse(489);
            badEvent.Headers.Add(SipHeaderNames.AllowEvents, MessageSummary.EventPackage);
            await transaction.RespondAsync(badEvent).ConfigureAwait(false);
            return;
        }
        if (request.To?.Tag is { } localTag)
            await RefreshSubscriptionAsync(transaction, sipEvent, localTag).ConfigureAwait(false);
        else
            await NewSubscriptionAsync(transaction, sipEvent).ConfigureAwait(false);
    }

    private async ValueTask NewSubscriptionAsync(ServerTransaction transaction, SipEvent sipEvent)
    {
        var request = transaction.Request;
        if (request.RequestUri?.User is not { Length: > 0 } user || MailboxOf(user) is not { } mailbox)
        {
            await transaction.RespondAsync(request.CreateResponse(404)).ConfigureAwait(false);
            return;
        }
        if (!AcceptsMessageSummary(request))
        {
            var notAcceptable = request.CreateResponse(406);
            notAcceptable.Headers.Add(SipHeaderNames.Accept, MessageSummary.ContentType);
            await transaction.RespondAsync(notAcceptable).ConfigureAwait(false);
            return;
        }
        if (await GrantedExpiryAsync(transaction).ConfigureAwait(false) is not { } granted)
            return;
        var now = DateTimeOffset.UtcNow;
        var localTag = SipMessage.NewTag();
        var subscription = new Subscription(request.CallId!, localTag, $"{request.Headers.GetFirst(SipHeaderNames.To)};tag={localTag}",
            request.Headers.GetFirst(SipHeaderNames.From)!, request.From?.Tag, sipEvent.Id, mailbox, AccountOf(mailbox, request.RequestUri!),
            [.. request.Headers.GetValues(SipHeaderNames.RecordRoute)], request.Contacts is { Count: > 0 } contacts ? contacts[0].Uri : request.From!.Uri,
            transaction.Peer, request.CSeq!.Number, now + granted);
        await transaction.RespondAsync(SubscribeAccepted(request, granted, localTag)).ConfigureAwait(false);
        if (granted == TimeSpan.Zero)
        {
            // A fetch (RFC 6665 §4.4.3): one NOTIFY with the state, terminated; nothing is kept.
            _summaryWork.Writer.TryWrite(new SummaryWork(mailbox, subscription, "timeout"));
            return;
        }
        // Registered after the 200 went out, so that no NOTIFY for a change can overtake it.
        _subscriptions.TryAdd(subscription);
        _summaryWork.Writer.TryWrite(new SummaryWork(mailbox, subscription, null));
        _log.LogInformation("{Peer} subscribed to message waiting of {Mailbox} for {Seconds} s (Call-ID {CallId})",
            transaction.Peer, mailbox, (int)granted.TotalSeconds, request.CallId);
    }

    private async ValueTask RefreshSubscriptionAsync(ServerTransaction transaction, SipEvent sipEvent, string localTag)
    {
        var request = transaction.Request;
        // A different id would be a second subscription in this dialog (RFC 6665 §4.5.2); CallFlow keeps one per dialog.
        if (_subscriptions.Find(request.CallId, localTag) is not { } subscription
            || subscription.RemoteTag != request.From?.Tag || subscription.EventId != sipEvent.Id)
        {
            await transaction.RespondAsync(request.CreateResponse(481)).ConfigureAwait(false);
            return;
        }
        if (await GrantedExpiryAsync(transaction).ConfigureAwait(false) is not { } granted)
            return;
        var target = request.Contacts is { Count: > 0 } contacts ? contacts[0].Uri : null;
        var ending = granted == TimeSpan.Zero;
        switch (subscription.Refresh(request.CSeq!.Number, ending ? null : DateTimeOffset.UtcNow + granted, target, transaction.Peer))
        {
            case Subscription.RefreshResult.Ended:
                await transaction.RespondAsync(request.CreateResponse(481)).ConfigureAwait(false);
                return;
            case Subscription.RefreshResult.OutOfOrder:
                await transaction.RespondAsync(request.CreateResponse(500, "CSeq out of order")).ConfigureAwait(false);
                return;
        }
        if (ending)
            _subscriptions.Remove(subscription);
        await transaction.RespondAsync(SubscribeAccepted(request, granted, localTag)).ConfigureAwait(false);
        // Both a refresh and an unsubscribe are answered with a NOTIFY of the current state (RFC 6665 §4.2.1.2);
        // the unsubscribe's is the final one.
        _summaryWork.Writer.TryWrite(new SummaryWork(subscription.Mailbox, subscription, ending ? "timeout" : null));
        if (ending)
            _log.LogInformation("{Peer} unsubscribed from message waiting of {Mailbox}", transaction.Peer, subscription.Mailbox);
    }

    /// <summary>
    /// The duration to grant, or null after answering 400 (a malformed Expires) or 423 (below the minimum). Without
    /// Expires the package's default; above the maximum the maximum (RFC 6665 §4.2.1.1: shorter, never longer);
    /// 0 stays 0 (unsubscribe, or fetch).
    /// </summary>
    private async ValueTask<TimeSpan?> GrantedExpiryAsync(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var limits = SubscriptionLimits;
        var text = request.Headers.GetFirst(SipHeaderNames.Expires)?.Trim(' ', '\t');
        if (text is null)
            return limits.DefaultExpiry > limits.MaximumExpiry ? limits.MaximumExpiry : limits.DefaultExpiry;
        if (text.Length == 0 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            await transaction.RespondAsync(request.CreateResponse(400, "Malformed Expires header")).ConfigureAwait(false);
            return null;
        }
        // Digits past 2^32 - 1 only mean "as long as possible".
        var requested = TimeSpan.FromSeconds(request.Expires ?? uint.MaxValue);
        if (requested == TimeSpan.Zero)
            return TimeSpan.Zero;
        if (requested < limits.MinimumExpiry)
        {
            var tooBrief = request.CreateResponse(423);
            tooBrief.Headers.Add("Min-Expires", ((long)limits.MinimumExpiry.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            await transaction.RespondAsync(tooBrief).ConfigureAwait(false);
            return null;
        }
        return requested > limits.MaximumExpiry ? limits.MaximumExpiry : requested;
    }

    private SipMessage SubscribeAccepted(SipMessage request, TimeSpan granted, string localTag)
    {
        var ok = request.CreateResponse(200, toTag: localTag);
        ok.Headers.Add(SipHeaderNames.Expires, ((long)granted.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        ok.Headers.Add(SipHeaderNames.Contact, OurContact);
        return ok;
    }

    // Without Accept the package's own body type is implied (RFC 6665); with one, it (or a wildcard) must be listed.
    private static bool AcceptsMessageSummary(SipMessage request)
    {
        var ranges = request.Headers.GetValues(SipHeaderNames.Accept);
        if (ranges.Count == 0)
            return true;
        foreach (var range in ranges)
        {
            var type = range.Split(';', 2)[0].Trim();
            if (type is "*/*" || type.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || type.Equals(MessageSummary.ContentType, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The Message-Account: the mailbox at the host and port the subscriber addressed (a wildcard listening address
    /// would name nothing a phone can call).
    /// </summary>
    private string AccountOf(string mailbox, SipUri requestUri) =>
        requestUri is { IsSip: true, Host.Length: > 0 }
            ? SipUri.Create(mailbox, requestUri.Host, requestUri.Port).ToString()
            : SipUri.Create(mailbox, _settings.SipAddress, EndPoint?.Port).ToString();

    // Runs on the committing thread, inside the store's delivery lock: only queue work here.
    private void OnMessageWaitingChanged(object? sender, MessageWaitingChangedEventArgs change)
    {
        Changed(change.Mailbox);
        if (_host.Policy.Mailboxes.GetValueOrDefault(change.Mailbox) is { MessageWaitingUsers.IsEmpty: false } group)
        {
            foreach (var user in group.MessageWaitingUsers)
                Changed(user);
        }
    }

    private void Changed(string mailbox)
    {
        if (_subscriptions.HasSubscribers(mailbox) && _changedMailboxes.TryAdd(mailbox, 0))
            _summaryWork.Writer.TryWrite(new SummaryWork(mailbox, null, null));
    }

    private async Task SubscriptionLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _summaryWork.Reader;
        var nextSweep = DateTimeOffset.UtcNow + SubscriptionLimits.SweepInterval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = nextSweep - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                    }
                }
                // Work in queue order, so that a later read of a mailbox is never overtaken by an earlier one; a flood
                // of work still lets the sweep run on time.
                while (DateTimeOffset.UtcNow < nextSweep && reader.TryRead(out var work))
                    await PublishAsync(work, cancellationToken).ConfigureAwait(false);
                if (DateTimeOffset.UtcNow >= nextSweep)
                {
                    SweepExpired(DateTimeOffset.UtcNow);
                    nextSweep = DateTimeOffset.UtcNow + SubscriptionLimits.SweepInterval;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PublishAsync(SummaryWork work, CancellationToken cancellationToken)
    {
        // Unmarked before the read: a change committed during the read queues the mailbox again.
        if (work.Only is null)
            _changedMailboxes.TryRemove(work.Mailbox, out _);
        MessageSummary? summary = null;
        try
        {
            summary = await SummaryOfAsync(work.Mailbox, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "message waiting: reading the counts of {Mailbox} failed", work.Mailbox);
        }
        if (work.Only is { } subscription)
        {
            if (work.EndReason is { } reason ? subscription.End(reason, summary) : summary is not null && subscription.Offer(summary))
                StartNotifying(subscription);
            return;
        }
        if (summary is null)
            return;
        foreach (var each in _subscriptions.Of(work.Mailbox))
        {
            if (each.Offer(summary))
                StartNotifying(each);
        }
    }

    /// <summary>A mailbox's summary, plus those of the hunt groups whose messages its owner's lamp also shows.</summary>
    private async Task<MessageSummary> SummaryOfAsync(string mailbox, CancellationToken cancellationToken)
    {
        var summary = await OwnSummaryAsync(mailbox, cancellationToken).ConfigureAwait(false);
        if (GroupLamps.TryGetValue(mailbox, out var groups))
        {
            foreach (var group in groups)
                summary += await OwnSummaryAsync(group, cancellationToken).ConfigureAwait(false);
        }
        return summary;
    }

    private async Task<MessageSummary> OwnSummaryAsync(string mailbox, CancellationToken cancellationToken)
    {
        var store = _host.Store;
        var counts = await store.GetCountsAsync(mailbox, cancellationToken).ConfigureAwait(false);
        // The counts have no priority split; the messages of a state are only listed when there are some.
        var urgentNew = await UrgentAsync(MessageState.New, counts.New).ConfigureAwait(false)
            + await UrgentAsync(MessageState.Unopened, counts.Unopened).ConfigureAwait(false);
        var urgentOld = await UrgentAsync(MessageState.Old, counts.Old).ConfigureAwait(false)
            + await UrgentAsync(MessageState.Saved, counts.Saved).ConfigureAwait(false);
        return MessageSummary.From(counts, urgentNew, urgentOld);

        async Task<int> UrgentAsync(MessageState state, int count) =>
            count == 0 ? 0 : (await store.ListMessagesAsync(mailbox, state, PlaybackOrder.Fifo, cancellationToken).ConfigureAwait(false)).Count(m => m.Priority);
    }

    /// <summary>For each user, the hunt groups that list them for group message waiting (their H source numbers).</summary>
    private FrozenDictionary<string, ImmutableArray<string>> GroupLamps => _groupLamps ??= _host.Policy.Mailboxes.Values
        .Where(owner => owner.IsGroup)
        .SelectMany(group => group.MessageWaitingUsers.Select(user => (User: user, Group: group.Name)))
        .GroupBy(pair => pair.User, StringComparer.Ordinal)
        .ToFrozenDictionary(users => users.Key, users => users.Select(pair => pair.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray(),
            StringComparer.Ordinal);

    private void SweepExpired(DateTimeOffset now)
    {
        foreach (var subscription in _subscriptions.All)
        {
            if (!subscription.ExpireIfDue(now))
                continue;
            _subscriptions.Remove(subscription);
            _log.LogInformation("message waiting subscription of {Peer} to {Mailbox} expired", subscription.RemoteAddress, subscription.Mailbox);
            // RFC 6665 §4.2.2: the notifier tells the subscriber, with the last state it sent.
            if (subscription.End("timeout", null))
                StartNotifying(subscription);
        }
    }

    private void StartNotifying(Subscription subscription)
    {
        Interlocked.Increment(ref _notifying);
        _ = NotifyAsync(subscription);
    }

    /// <summary>
    /// Sends the subscription's NOTIFYs one at a time until there is nothing new to say. A NOTIFY that times out or is
    /// refused ends the subscription (RFC 6665 §4.2.2), 481 above all; one refused with Retry-After keeps it, and
    /// the next change tries again.
    /// </summary>
    private async Task NotifyAsync(Subscription subscription)
    {
        try
        {
            while (subscription.TryTakeNext(DateTimeOffset.UtcNow, out var next))
            {
                SipMessage? answer = null;
                try
                {
                    answer = await SendRequestAsync(next.Peer, NotifyRequest(subscription, next), SubscriptionLimits.NotifyTimeout, null, _notifyStop.Token)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    subscription.Finish();
                    _subscriptions.Remove(subscription);
                    return;
                }
                catch (Exception e)
                {
                    _log.LogWarning(e, "message waiting NOTIFY to {Peer} could not be sent", next.Peer);
                }
                if (answer is { StatusCode: >= 200 and < 300 })
                {
                    subscription.Accepted();
                    if (!next.IsFinal)
                        continue;
                    subscription.Finish();
                    return;
                }
                if (answer is not null && !next.IsFinal && answer.Headers.Contains("Retry-After") && answer.StatusCode != 481)
                {
                    _log.LogInformation("message waiting NOTIFY to {Peer}: {Status}, kept for the next change", next.Peer, answer.StatusCode);
                    continue;
                }
                subscription.Finish();
                _subscriptions.Remove(subscription);
                if (!next.IsFinal)
                {
                    _log.LogInformation("message waiting subscription of {Peer} to {Mailbox} dropped: NOTIFY {Outcome}", next.Peer,
                        subscription.Mailbox, answer?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "not answered");
                }
                return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _notifying);
        }
    }

    /// <summary>
    /// A NOTIFY in the subscription's dialog (RFC 6665 §4.2.2, RFC 3261 §12.2.1.1): the subscriber's Contact as the
    /// Request-URI, its Record-Route as Route, our tag in From, its tag in To, our own CSeq space.
    /// </summary>
    private SipMessage NotifyRequest(Subscription subscription, Subscription.Notification next)
    {
        var message = SipMessage.NewRequest(SipMethods.Notify, next.Target);
        var transport = next.Peer.Connection is null ? "UDP" : "TCP";
        message.Headers.Add(SipHeaderNames.Via,
            $"SIP/2.0/{transport} {Host(_settings.SipAddress)}:{EndPoint!.Port};branch={SipVia.MagicCookie}{SipMessage.NewTag()}{SipMessage.NewTag()};rport");
        message.Headers.Add(SipHeaderNames.MaxForwards, "70");
        foreach (var route in subscription.RouteSet)
            message.Headers.Add(SipHeaderNames.Route, route);
        message.Headers.Add(SipHeaderNames.From, subscription.LocalAddress);
        message.Headers.Add(SipHeaderNames.To, subscription.RemoteAddress);
        message.Headers.Add(SipHeaderNames.CallId, subscription.CallId);
        message.Headers.Add(SipHeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{next.CSeq} {SipMethods.Notify}"));
        message.Headers.Add(SipHeaderNames.Contact, OurContact);
        message.Headers.Add(SipHeaderNames.Event, subscription.EventId is { } id ? $"{MessageSummary.EventPackage};id={id}" : MessageSummary.EventPackage);
        message.Headers.Add(SipHeaderNames.SubscriptionState, next.State);
        if (next.Summary is { } summary)
        {
            message.Headers.Add(SipHeaderNames.ContentType, MessageSummary.ContentType);
            message.Body = Encoding.UTF8.GetBytes(summary.ToBody(subscription.Account));
        }
        else
            message.Headers.Add(SipHeaderNames.ContentLength, "0");
        return message;
    }

    /// <summary>
    /// Work for the loop: read a mailbox's summary, for every subscriber (<paramref name="Only"/> null, after a change) or
    /// for one new, refreshed or ending subscription (<paramref name="EndReason"/> set: its final NOTIFY).
    /// </summary>
    private readonly record struct SummaryWork(string Mailbox, Subscription? Only, string? EndReason);
}
