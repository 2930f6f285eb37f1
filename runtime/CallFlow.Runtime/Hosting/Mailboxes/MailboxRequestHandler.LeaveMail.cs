using CallFlow.Configuration;
using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Mailboxes;

public sealed partial class MailboxRequestHandler
{
    /// <summary>
    /// Leave Mail (reference §3.2, §7.9, §7.14): the greeting (the mailbox's own, or "not available, leave a message"),
    /// during which 0, 2 and 3 break out; Intuity's 1 skips it. Then the tone and the recording, which '#', silence,
    /// the longest length or hang-up ends; what was recorded is kept even when the caller hangs up. IP Office mode: 0
    /// before the tone takes Failure, 0 during the recording ends it and takes Success. Intuity: 0 always goes to the
    /// breakout number. A message shorter than the minimum is discarded (Failure).
    /// </summary>
    private async ValueTask<Outcome> LeaveMailAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var channel = call.Channel;
        var owner = Resolve(call, request, leaving: true);
        if (owner is null || await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false) is null)
        {
            channel.Note($"leave_mail: there is no mailbox '{(request.Settings.TryGetValue("mailbox", out var m) ? m : "caller")}'");
            return new ResultOutcome("Failure");
        }
        var breakout = (owner.Breakout ?? new BreakoutNumbers()).Over(policy.Breakout);
        if (!owner.VoicemailOn)
        {
            // Voicemail off (Intuity's "accept call answer" off): the caller is told and nothing is recorded.
            channel.Note($"{owner.Name} has voicemail off: no message taken");
            return After(await channel.PlayAsync(Prompts(call, System("not_accepting_messages")), cancellationToken).ConfigureAwait(false), "Failure");
        }

        // Keys typed during the action's entry prompts count as keys during the greeting, which they skip.
        var keys = request.TypedAhead;
        if (keys.Length == 0)
        {
            var greeting = await store.GetGreetingPathAsync(owner.Name, GreetingSlots.Standard, cancellationToken).ConfigureAwait(false);
            var played = await channel.PlayAsync(greeting is not null
                ? Prompts(call, new PlayPrompt(VmpPromptKind.File, $"{GreetingSlots.Standard} greeting of {owner.Name}") { AudioPath = greeting })
                : Prompts(call, System("not_available"), System("leave_message")), cancellationToken).ConfigureAwait(false);
            if (played is not PlayedOutcome { BargeIn: var bargeIn })
                return played;
            keys = bargeIn;
        }
        if (keys.Length > 0)
        {
            var key = keys[0];
            if (key == '0' && policy.Mode == MailboxMode.IpOffice)
                return new ResultOutcome("Failure");
            if (breakout.For(key) is { Length: > 0 } number)
                return await BreakOutAsync(call, key, number, cancellationToken).ConfigureAwait(false);
            // Intuity's 1 (and any other key) just ends the greeting.
        }

        if (!(request.Settings.TryGetValue("beep", out var beep) && beep == "false")
            && await channel.PlayAsync(Prompts(call, System("record_tone")), cancellationToken).ConfigureAwait(false) is HangUpOutcome tone)
            return tone;

        var maxLength = request.Settings.TryGetValue("max_length", out var max) && max.EndsWith("ms", StringComparison.Ordinal)
            && long.TryParse(max[..^2], out var ms) ? TimeSpan.FromMilliseconds(ms) : policy.MaxMessageLength;
        var email = EmailFor(owner);
        var recording = await store.BeginRecordingAsync(new RecordingRequest(owner.Name)
        {
            CallerNumber = call.Info.Caller.Length > 0 ? call.Info.Caller : null,
            MinimumLength = policy.MinMessageLength,
            Email = email,
        }, cancellationToken).ConfigureAwait(false);
        await using (recording.ConfigureAwait(false))
        {
            var result = await channel.RecordAsync(new RecordRequest(maxLength, "#0", policy.SilenceTimeout), new RecordingSink(recording), cancellationToken)
                .ConfigureAwait(false);
            // Committed whatever ended the recording: a caller who hangs up has still left a message.
            var message = await recording.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                channel.Note($"message for {owner.Name} shorter than {Seconds(policy.MinMessageLength)}s: discarded");
                return result.End == RecordingEnd.HangUp ? new HangUpOutcome() : new ResultOutcome("Failure");
            }
            call.LastRecording = message.Id;
            channel.Note($"message {message.Id} for {owner.Name}: {Seconds(message.Duration)}s from {message.CallerNumber ?? "unknown"}"
                + (recording.IsCutShort ? " (cut short: the message store's disk is full)" : ""));
            if (email is not null)
                channel.Note($"e-mail ({email.Mode.ToString().ToLowerInvariant()}) to {email.To} queued");
            await DeliverAsync(call, owner, message, cancellationToken).ConfigureAwait(false);

            if (result.End == RecordingEnd.HangUp)
                return new HangUpOutcome();
            if (result is { End: RecordingEnd.Key, Key: "0" } && policy.Mode == MailboxMode.Intuity && breakout.For('0').Length > 0)
                return await BreakOutAsync(call, '0', breakout.For('0'), cancellationToken).ConfigureAwait(false);
            // A recording the full disk cut short ended without the caller: tell them what they said was kept.
            if (result.End == RecordingEnd.Key && result.Key == "#" || recording.IsCutShort)
                return After(await channel.PlayAsync(Prompts(call, System("message_saved")), cancellationToken).ConfigureAwait(false), "Success");
            return new ResultOutcome("Success");
        }
    }

    /// <summary>
    /// The e-mail of the owner's e-mail mode (reference §10.4), queued by the store with the message. A group that
    /// broadcasts keeps no message anyway, so its Forward mode sends as Copy and the members keep theirs.
    /// </summary>
    private MessageEmail? EmailFor(MailboxOwner owner)
    {
        var mode = owner.EmailMode switch
        {
            EmailMode.Copy => EmailKind.Copy,
            EmailMode.Forward when owner is { IsGroup: true, Broadcast: true, Members.IsEmpty: false } => EmailKind.Copy,
            EmailMode.Forward => EmailKind.Forward,
            EmailMode.Alert => EmailKind.Alert,
            _ => (EmailKind?)null,
        };
        return mode is { } kind && owner.Email is { } to ? new MessageEmail(to, kind) { TimeZone = policy.TimeZone } : null;
    }

    /// <summary>A group that broadcasts hands the message to each member and keeps none; then the lamps.</summary>
    private async ValueTask DeliverAsync(CallContext call, MailboxOwner owner, MessageInfo message, CancellationToken cancellationToken)
    {
        if (message.State == MessageState.AwaitingEmail)
        {
            // Forward mode: no copy is kept once the e-mail is accepted, and there is no lamp (§7.12).
            call.Channel.Note($"message waiting: {owner.Name} unchanged (the message is forwarded by e-mail)");
            return;
        }
        var mailboxes = new List<string> { owner.Name };
        if (owner is { IsGroup: true, Broadcast: true } && !owner.Members.IsEmpty)
        {
            var copies = await store.BroadcastAsync(message.Id, owner.Members, cancellationToken).ConfigureAwait(false);
            call.Channel.Note($"broadcast to {string.Join(", ", copies.Select(c => c.Mailbox))}");
            mailboxes = [.. copies.Select(c => c.Mailbox)];
        }
        foreach (var mailbox in mailboxes)
        {
            var counts = await store.GetCountsAsync(mailbox, cancellationToken).ConfigureAwait(false);
            var also = policy.Mailboxes.GetValueOrDefault(mailbox)?.MessageWaitingUsers ?? [];
            call.Channel.Note($"message waiting: {mailbox} has {counts.New} new{(also.IsEmpty ? "" : $" (lamps also lit for {string.Join(", ", also)})")}");
        }
    }
}
