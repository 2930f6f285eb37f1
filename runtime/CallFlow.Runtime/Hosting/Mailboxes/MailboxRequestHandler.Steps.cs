using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Mailboxes;

public sealed partial class MailboxRequestHandler
{
    /// <summary>mailbox_open: the mailbox for the steps below; its counts and the server's mode go into $MB_*.</summary>
    private async ValueTask<Outcome> OpenMailboxAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var owner = Resolve(call, request, leaving: false);
        if (owner is null || await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false) is null)
        {
            call.Channel.Note("mailbox_open: there is no such mailbox");
            return new ResultOutcome("Failure");
        }
        if (await AccessAsync(call, owner, request, cancellationToken).ConfigureAwait(false) is { } refused)
            return refused is HangUpOutcome ? refused : new ResultOutcome("Failure");
        call.Mailbox = new MailboxCursor(owner);
        return new ResultOutcome("Success") { Variables = await CountsAsync(owner.Name, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>
    /// get_mail: opens the mailbox and runs the mailbox interface of the server's mode, the module IntuityMailbox or
    /// IpOfficeMailbox (stdlib/, or the program's own module of that name); its Module Return continues at Next.
    /// </summary>
    private async ValueTask<Outcome> GetMailAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var owner = Resolve(call, request, leaving: false);
        if (owner is null || await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false) is null)
        {
            call.Channel.Note("get_mail: there is no such mailbox");
            return new ResultOutcome("Next");
        }
        if (await AccessAsync(call, owner, request, cancellationToken).ConfigureAwait(false) is { } refused)
            return refused is HangUpOutcome ? refused : new ResultOutcome("Next");
        call.Mailbox = new MailboxCursor(owner);
        var module = policy.Mode == MailboxMode.Intuity ? "IntuityMailbox" : "IpOfficeMailbox";
        call.Channel.Note($"get_mail: {owner.Name} opened, {module} runs");
        return new CallModuleOutcome(module) { Variables = await CountsAsync(owner.Name, cancellationToken).ConfigureAwait(false) };
    }

    private async ValueTask<ImmutableSortedDictionary<string, string>> CountsAsync(string mailbox, CancellationToken cancellationToken)
    {
        var counts = await store.GetCountsAsync(mailbox, cancellationToken).ConfigureAwait(false);
        var info = await store.GetMailboxAsync(mailbox, cancellationToken).ConfigureAwait(false);
        return ImmutableSortedDictionary<string, string>.Empty
            .Add("$MB", mailbox)
            .Add("$MB_HAS_CODE", info is { HasCode: true } ? "1" : "0")
            .Add("$MB_HELP", policy.Mailboxes.GetValueOrDefault(mailbox)?.Help == true ? "1" : "0")
            .Add("$MB_OPERATOR", ((policy.Mailboxes.GetValueOrDefault(mailbox)?.Breakout ?? new BreakoutNumbers()).Over(policy.Breakout)).For('0'))
            .Add("$MB_MODE", policy.Mode == MailboxMode.Intuity ? "intuity" : "ip_office")
            .Add("$MB_NEW", Number(counts.New)).Add("$MB_UNOPENED", Number(counts.Unopened)).Add("$MB_OLD", Number(counts.Old))
            .Add("$MB_SAVED", Number(counts.Saved)).Add("$MB_DELETED", Number(counts.Deleted));
    }

    /// <summary>message_select: the first message of a category, in its playback order, or the next, previous or current one.</summary>
    private async ValueTask<Outcome> SelectMessageAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.Mailbox is not { } cursor)
            return NoMailbox(call, request);
        var which = request.Settings.TryGetValue("which", out var w) ? w : "new";
        if (Category(which) is { } state)
        {
            var order = policy.PlaybackOrders.GetValueOrDefault(state, PlaybackOrder.Fifo);
            cursor.Messages = await store.ListMessagesAsync(cursor.Owner.Name, state, order, cancellationToken).ConfigureAwait(false);
            cursor.Index = 0;
        }
        else
        {
            cursor.Index += which switch { "next" => 1, "previous" => -1, _ => 0 };
        }
        cursor.Index = Math.Clamp(cursor.Index, -1, cursor.Messages.Count);
        if (cursor.Current is not { } message)
            return new ResultOutcome("None") { Variables = ImmutableSortedDictionary<string, string>.Empty.Add("$MSG", "").Add("$MSG_COUNT", Number(cursor.Messages.Count)) };
        // The message may have changed since the list was taken (another call, housekeeping): read it again.
        var fresh = await store.GetMessageAsync(message.Id, cancellationToken).ConfigureAwait(false) ?? message;
        var local = TimeZoneInfo.ConvertTime(fresh.ReceivedUtc, call.State.Variables.Zone);
        return new ResultOutcome("Found")
        {
            Variables = ImmutableSortedDictionary<string, string>.Empty
                .Add("$MSG", fresh.Id)
                .Add("$MSG_FROM", fresh.CallerNumber ?? "")
                .Add("$MSG_DATE", local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Add("$MSG_TIME", local.ToString("HH:mm", CultureInfo.InvariantCulture))
                .Add("$MSG_LENGTH", Number((long)fresh.Duration.TotalSeconds))
                .Add("$MSG_NUMBER", Number(cursor.Index + 1))
                .Add("$MSG_COUNT", Number(cursor.Messages.Count)),
        };
    }

    private static MessageState? Category(string which) => which switch
    {
        "new" => MessageState.New,
        "unopened" => MessageState.Unopened,
        "old" => MessageState.Old,
        "saved" => MessageState.Saved,
        "deleted" => MessageState.Deleted,
        _ => null,
    };

    /// <summary>
    /// message_play: the header (who called, when) and/or the body. A key stops it and is handed to the next menu.
    /// Hearing the body makes a message Old; in Intuity mode hearing only the header makes a new one Unopened.
    /// The body is played under a playback lease, so housekeeping cannot delete it meanwhile.
    /// </summary>
    private async ValueTask<Outcome> PlayMessageAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.Mailbox?.Current is not { } message)
            return NoMailbox(call, request);
        // Keys already typed (during the entry prompts, or left from the menu before) answer the next menu at once.
        if (request.TypedAhead.Length > 0)
            return new ResultOutcome("Next") { TypedAhead = request.TypedAhead };
        var part = request.Settings.TryGetValue("part", out var p) ? p : "all";
        if (part is "header" or "all")
        {
            var local = TimeZoneInfo.ConvertTime(message.ReceivedUtc, call.State.Variables.Zone);
            var header = await call.Channel.PlayAsync(Prompts(call,
                System("message_from"),
                message.CallerNumber is { Length: > 0 } from ? new PlayPrompt(VmpPromptKind.Digits, from) : System("unknown_caller"),
                System("received"),
                System(string.Create(CultureInfo.InvariantCulture, $"say_date:{local:yyyy-MM-dd}")),
                System(SystemPromptArguments.Time(local.Hour, local.Minute))), cancellationToken).ConfigureAwait(false);
            if (header is not PlayedOutcome headerPlayed)
                return header;
            if (part == "header" || headerPlayed.BargeIn.Length > 0)
            {
                if (policy.Mode == MailboxMode.Intuity && message.State == MessageState.New)
                    await store.MarkHeaderHeardAsync(message.Id, cancellationToken).ConfigureAwait(false);
                return new ResultOutcome("Next") { TypedAhead = headerPlayed.BargeIn };
            }
        }
        using var playback = await store.OpenPlaybackAsync(message.Id, cancellationToken).ConfigureAwait(false);
        if (playback is null)
        {
            call.Channel.Note($"message {message.Id} is no longer there");
            return new ResultOutcome("Next");
        }
        var body = await call.Channel.PlayAsync(Prompts(call, new PlayPrompt(VmpPromptKind.File, $"message {message.Id} ({Seconds(message.Duration)}s)") { AudioPath = playback.AudioPath }), cancellationToken)
            .ConfigureAwait(false);
        if (body is not PlayedOutcome played)
            return body;
        if (message.State is MessageState.New or MessageState.Unopened)
            await store.MarkHeardAsync(message.Id, cancellationToken).ConfigureAwait(false);
        return new ResultOutcome("Next") { TypedAhead = played.BargeIn };
    }

    /// <summary>message_mark: saved, deleted (recoverable until housekeeping), undeleted or old; the counts follow.</summary>
    private async ValueTask<Outcome> MarkMessageAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.Mailbox?.Current is not { } message)
            return NoMailbox(call, request);
        var state = request.Settings.TryGetValue("state", out var s) ? s : "saved";
        var changed = state switch
        {
            "saved" => await store.MarkSavedAsync(message.Id, cancellationToken).ConfigureAwait(false),
            "deleted" => await store.MarkDeletedAsync(message.Id, cancellationToken).ConfigureAwait(false),
            "undeleted" => await store.UndeleteAsync(message.Id, cancellationToken).ConfigureAwait(false),
            _ => await store.MarkHeardAsync(message.Id, cancellationToken).ConfigureAwait(false),
        };
        if (changed is not null)
            call.Channel.Note($"message {message.Id} is now {changed.State.ToString().ToLowerInvariant()}");
        return new ResultOutcome("Next") { Variables = await CountsAsync(call.Mailbox.Owner.Name, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>message_forward: a copy of the selected message into another mailbox, named or by extension.</summary>
    private async ValueTask<Outcome> ForwardMessageAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.Mailbox?.Current is not { } message)
            return NoMailbox(call, request);
        var to = request.Settings.TryGetValue("to", out var t) ? MailboxName.Normalize(t) : "";
        if (policy.Find(to) is not { } target)
        {
            call.Channel.Note($"message_forward: no mailbox or extension '{to}'");
            return new ResultOutcome("Failure");
        }
        if (request.Settings.TryGetValue("comment", out var comment) && comment == "true")
            return await ForwardWithCommentAsync(call, message, target, cancellationToken).ConfigureAwait(false);
        var copy = await store.CopyMessageAsync(message.Id, target.Name, cancellationToken).ConfigureAwait(false);
        if (copy is null)
            return new ResultOutcome("Failure");
        call.Channel.Note($"message {message.Id} forwarded to {target.Name} as {copy.Id}");
        await DeliverAsync(call, target, copy, cancellationToken).ConfigureAwait(false);
        return new ResultOutcome("Success");
    }

    /// <summary>
    /// Forward with a comment: the owner records a comment (tone, then until '#' or silence), and the target gets one
    /// new message, the comment followed by the original. Nothing is sent when the caller hangs up during the comment.
    /// </summary>
    private async ValueTask<Outcome> ForwardWithCommentAsync(CallContext call, MessageInfo message, MailboxOwner target, CancellationToken cancellationToken)
    {
        if (await call.Channel.PlayAsync(Prompts(call, System("record_comment"), System("record_tone")), cancellationToken).ConfigureAwait(false) is HangUpOutcome hungUp)
            return hungUp;
        var comment = new BufferSink();
        var recorded = await call.Channel.RecordAsync(new RecordRequest(policy.MaxMessageLength, "#", policy.SilenceTimeout), comment, cancellationToken).ConfigureAwait(false);
        if (recorded.End == RecordingEnd.HangUp)
            return new HangUpOutcome();
        using var playback = await store.OpenPlaybackAsync(message.Id, cancellationToken).ConfigureAwait(false);
        if (playback is null)
            return new ResultOutcome("Failure");
        byte[] original;
        using (var audio = playback.OpenAudio())
        using (var buffer = new MemoryStream())
        {
            await audio.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var info = CallFlow.Audio.WavReader.Read(bytes);
            original = info.GetData(bytes).ToArray();
        }
        var forwarded = await store.BeginRecordingAsync(new RecordingRequest(target.Name)
        {
            CallerNumber = call.Mailbox?.Owner.Extension is { Length: > 0 } extension ? extension : call.Info.Caller,
            MinimumLength = TimeSpan.Zero,
        }, cancellationToken).ConfigureAwait(false);
        await using (forwarded.ConfigureAwait(false))
        {
            forwarded.Write(comment.Audio.Span);
            forwarded.Write(original);
            if (await forwarded.CommitAsync(cancellationToken).ConfigureAwait(false) is not { } copy)
                return new ResultOutcome("Failure");
            call.Channel.Note($"message {message.Id} forwarded to {target.Name} with a {Seconds(recorded.Length)}s comment as {copy.Id} ({Seconds(copy.Duration)}s)");
            await DeliverAsync(call, target, copy, cancellationToken).ConfigureAwait(false);
            return new ResultOutcome("Success");
        }
    }

    private static ResultOutcome NoMailbox(CallContext call, RequestEffect request)
    {
        call.Channel.Note($"{request.Action}: no mailbox is open or no message is selected");
        return new ResultOutcome(request.Results.Contains("None") ? "None" : request.Results.IsEmpty ? "Next" : request.Results[^1]);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
