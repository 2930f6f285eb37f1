using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Mailboxes;

/// <summary>
/// Performs the mailbox actions against the store, through the call's channel: Leave Mail (greeting, breakout keys,
/// tone, recording, the modes' rules for 0), Listen and Record Name, and the voicemail code checks of <c>pin "$"</c>.
/// Split by concern: LeaveMail, Codes and Recordings in their own files.
/// </summary>
public sealed partial class MailboxRequestHandler(IMailboxStore store, MailboxPolicy policy) : IRequestHandler
{
    private static readonly FrozenSet<string> Actions = FrozenSet.ToFrozenSet(["get_mail", "leave_mail", "listen", "record_name", "check_voicemail_code", "voicemail_code_needed",
        "mailbox_open", "message_select", "message_play", "message_mark", "message_forward", "mailbox_greeting", "mailbox_set_code"], StringComparer.Ordinal);

    /// <inheritdoc />
    public bool Handles(string action) => Actions.Contains(action);

    /// <inheritdoc />
    public async ValueTask<Outcome> PerformAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken = default)
    {
        Outcome outcome;
        try
        {
            outcome = await PerformActionAsync(call, request, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageFullException full)
        {
            // The data directory's disk is full: the caller is told, and the flow goes on with the action's Failure
            // result where it has one (its first otherwise), instead of the call failing (docs/mailbox-store.md).
            call.Channel.Note($"{request.Action}: {full.Message}");
            var failure = request.Results.Contains("Failure") ? "Failure" : request.Results.IsEmpty ? "Next" : request.Results[0];
            return After(await call.Channel.PlayAsync(Prompts(call, System("cannot_take_messages")), cancellationToken).ConfigureAwait(false), failure);
        }
        // Keys typed during the entry prompts of a step that takes no keys itself go on to what follows (a '#' pressed
        // while "message deleted" plays skips the next message too).
        return request.TypedAhead.Length > 0 && request.Action is "mailbox_open" or "message_select" or "message_mark" or "message_forward"
            && outcome is ResultOutcome result
            ? result with { TypedAhead = request.TypedAhead + result.TypedAhead }
            : outcome;
    }

    private async ValueTask<Outcome> PerformActionAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken) =>
        request.Action switch
        {
            "get_mail" => await GetMailAsync(call, request, cancellationToken).ConfigureAwait(false),
            "leave_mail" => await LeaveMailAsync(call, request, cancellationToken).ConfigureAwait(false),
            "listen" => await ListenAsync(call, request, cancellationToken).ConfigureAwait(false),
            "record_name" => await RecordNameAsync(call, request, cancellationToken).ConfigureAwait(false),
            "voicemail_code_needed" => await CodeNeededAsync(call, request, cancellationToken).ConfigureAwait(false),
            "check_voicemail_code" => await CheckCodeAsync(call, request, cancellationToken).ConfigureAwait(false),
            "mailbox_open" => await OpenMailboxAsync(call, request, cancellationToken).ConfigureAwait(false),
            "message_select" => await SelectMessageAsync(call, request, cancellationToken).ConfigureAwait(false),
            "message_play" => await PlayMessageAsync(call, request, cancellationToken).ConfigureAwait(false),
            "message_mark" => await MarkMessageAsync(call, request, cancellationToken).ConfigureAwait(false),
            "message_forward" => await ForwardMessageAsync(call, request, cancellationToken).ConfigureAwait(false),
            "mailbox_greeting" => await GreetingAsync(call, request, cancellationToken).ConfigureAwait(false),
            "mailbox_set_code" => await SetCodeAsync(call, request, cancellationToken).ConfigureAwait(false),
            _ => new ResultOutcome(request.Results.IsEmpty ? "Next" : request.Results[0]),
        };


    /// <summary>
    /// The mailbox an action means. "caller" (or nothing) is the presumed user (reference §3.2): for a call that
    /// reached voicemail for a mailbox, that mailbox when <paramref name="leaving"/>; otherwise the user whose
    /// extension is calling. Null when there is no such mailbox.
    /// </summary>
    private MailboxOwner? Resolve(CallContext call, RequestEffect request, bool leaving)
    {
        var named = request.Settings.TryGetValue("mailbox", out var value) ? MailboxName.Normalize(value) : "";
        if (named.Length > 0 && named != "caller")
            return policy.Find(named);
        var called = call.Info.CalledMailbox is { } c ? policy.Mailboxes.GetValueOrDefault(MailboxName.Normalize(c)) : null;
        var calling = policy.ByExtension(call.Info.Caller);
        return leaving ? called ?? calling : calling ?? called;
    }

    private static PlayEffect Prompts(CallContext call, params PlayPrompt[] prompts) =>
        new([.. prompts], PromptLanguages.FallbackChain(call.State.Language));

    private static PlayPrompt System(string name) => new(VmpPromptKind.System, name);

    /// <summary>Takes <paramref name="result"/> after prompts that ended with <paramref name="played"/>: keys pressed
    /// during them go on to the next menu; a hang-up stays a hang-up.</summary>
    private static Outcome After(Outcome played, string result) =>
        played is PlayedOutcome p ? new ResultOutcome(result) { TypedAhead = p.BargeIn } : played;

    /// <summary>Sends the caller to a breakout number; the call leaves voicemail.</summary>
    private static async ValueTask<Outcome> BreakOutAsync(CallContext call, char key, string number, CancellationToken cancellationToken)
    {
        call.Channel.Note($"breakout {key}: transfer to {number}");
        var settings = ImmutableSortedDictionary<string, string>.Empty.Add("destination", number).Add("source", "Voicemail breakout");
        var answer = await call.Channel.RequestAsync(new RequestEffect("transfer", settings, []), cancellationToken).ConfigureAwait(false);
        return answer is HangUpOutcome ? answer : new CallEndedOutcome(EndReason.Transferred);
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Writes recorded audio into the store's recording.</summary>
    private sealed class RecordingSink(IMessageRecording recording) : IAudioSink
    {
        public void Write(ReadOnlySpan<byte> muLaw) => recording.Write(muLaw);

        public bool IsClosed => recording.IsCutShort;
    }

    /// <summary>Collects audio in memory (a recorded name: seconds, not minutes).</summary>
    private sealed class BufferSink : IAudioSink
    {
        private readonly MemoryStream _buffer = new();

        public ReadOnlyMemory<byte> Audio => _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);

        public void Write(ReadOnlySpan<byte> muLaw) => _buffer.Write(muLaw);
    }
}
