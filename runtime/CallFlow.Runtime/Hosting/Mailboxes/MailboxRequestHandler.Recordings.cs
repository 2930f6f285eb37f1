using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting.Mailboxes;

public sealed partial class MailboxRequestHandler
{
    /// <summary>
    /// Listen: records into a mailbox with no greeting (a tone unless <c>beep false</c>); the recording is kept as a
    /// new recording in the mailbox and is the call's last recording. Next, even when the mailbox does not exist
    /// (then nothing is recorded and the transcript says why).
    /// </summary>
    private async ValueTask<Outcome> ListenAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var owner = Resolve(call, request, leaving: true);
        if (owner is null || await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false) is null)
        {
            call.Channel.Note("listen: there is no such mailbox; nothing recorded");
            return new ResultOutcome("Next");
        }
        if (!(request.Settings.TryGetValue("beep", out var beep) && beep == "false")
            && await call.Channel.PlayAsync(Prompts(call, System("record_tone")), cancellationToken).ConfigureAwait(false) is HangUpOutcome hungUp)
            return hungUp;
        var maxLength = request.Settings.TryGetValue("max_length", out var max) && max.EndsWith("ms", StringComparison.Ordinal)
            && long.TryParse(max[..^2], out var ms) ? TimeSpan.FromMilliseconds(ms) : policy.MaxMessageLength;
        var recording = await store.BeginRecordingAsync(new RecordingRequest(owner.Name)
        {
            CallerNumber = call.Info.Caller.Length > 0 ? call.Info.Caller : null,
            Kind = MessageKind.Recording,
            MinimumLength = TimeSpan.Zero,
        }, cancellationToken).ConfigureAwait(false);
        await using (recording.ConfigureAwait(false))
        {
            var result = await call.Channel.RecordAsync(new RecordRequest(maxLength, "#", policy.SilenceTimeout), new RecordingSink(recording), cancellationToken)
                .ConfigureAwait(false);
            if (await recording.CommitAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                call.LastRecording = message.Id;
                call.Channel.Note($"recording {message.Id} for {owner.Name}: {Seconds(message.Duration)}s");
            }
            return result.End == RecordingEnd.HangUp ? new HangUpOutcome() : new ResultOutcome("Next");
        }
    }

    /// <summary>Record Name: the tone, then the owner's name until '#' or silence (at most 10 s), kept as the mailbox's
    /// "name" greeting; an empty recording leaves the old name.</summary>
    private async ValueTask<Outcome> RecordNameAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var owner = Resolve(call, request, leaving: false);
        if (owner is null || await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false) is null)
        {
            call.Channel.Note("record_name: there is no such mailbox");
            return new ResultOutcome("Next");
        }
        if (await call.Channel.PlayAsync(Prompts(call, System("record_name"), System("record_tone")), cancellationToken).ConfigureAwait(false) is HangUpOutcome hungUp)
            return hungUp;
        var sink = new BufferSink();
        var result = await call.Channel.RecordAsync(new RecordRequest(TimeSpan.FromSeconds(10), "#", policy.SilenceTimeout), sink, cancellationToken).ConfigureAwait(false);
        if (sink.Audio.Length > 0)
        {
            await store.SaveGreetingAsync(owner.Name, GreetingSlots.Name, sink.Audio, cancellationToken).ConfigureAwait(false);
            call.Channel.Note($"name of {owner.Name} recorded: {Seconds(result.Length)}s");
        }
        return result.End == RecordingEnd.HangUp ? new HangUpOutcome() : new ResultOutcome("Next");
    }
}
