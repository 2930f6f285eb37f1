using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Mailboxes;

public sealed partial class MailboxRequestHandler
{
    /// <summary>mailbox_greeting: plays, records (tone, then until '#' or silence, at most the longest message) or
    /// deletes a greeting of the open mailbox. An empty recording keeps the old greeting.</summary>
    private async ValueTask<Outcome> GreetingAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.Mailbox is not { } cursor)
            return NoMailbox(call, request);
        var slot = request.Settings.TryGetValue("slot", out var s) && s.Length > 0 ? s : GreetingSlots.Standard;
        if (!GreetingSlots.IsValid(slot))
        {
            call.Channel.Note($"mailbox_greeting: '{slot}' is not a greeting name");
            return new ResultOutcome("Next");
        }
        var mailbox = cursor.Owner.Name;
        switch (request.Settings.TryGetValue("operation", out var operation) ? operation : "play")
        {
            case "record":
            {
                var ask = slot == GreetingSlots.Name ? "record_name" : "record_greeting";
                if (await call.Channel.PlayAsync(Prompts(call, System(ask), System("record_tone")), cancellationToken).ConfigureAwait(false) is HangUpOutcome hungUp)
                    return hungUp;
                var sink = new BufferSink();
                var result = await call.Channel.RecordAsync(new RecordRequest(policy.MaxMessageLength, "#", policy.SilenceTimeout), sink, cancellationToken)
                    .ConfigureAwait(false);
                if (sink.Audio.Length > 0)
                {
                    await store.SaveGreetingAsync(mailbox, slot, sink.Audio, cancellationToken).ConfigureAwait(false);
                    call.Channel.Note($"{slot} greeting of {mailbox} recorded: {Seconds(result.Length)}s");
                }
                return result.End == RecordingEnd.HangUp ? new HangUpOutcome() : new ResultOutcome("Next");
            }
            case "delete":
                if (await store.DeleteGreetingAsync(mailbox, slot, cancellationToken).ConfigureAwait(false))
                    call.Channel.Note($"{slot} greeting of {mailbox} deleted");
                return await PlayedAsNext(call, await call.Channel.PlayAsync(Prompts(call, System("greeting_deleted")), cancellationToken).ConfigureAwait(false));
            default:
                var path = await store.GetGreetingPathAsync(mailbox, slot, cancellationToken).ConfigureAwait(false);
                var played = await call.Channel.PlayAsync(path is null
                    ? Prompts(call, System("no_greeting"))
                    : Prompts(call, new PlayPrompt(VmpPromptKind.File, $"{slot} greeting of {mailbox}") { AudioPath = path }), cancellationToken).ConfigureAwait(false);
                return await PlayedAsNext(call, played);
        }
    }

    private static ValueTask<Outcome> PlayedAsNext(CallContext call, Outcome played) => ValueTask.FromResult(After(played, "Next"));

    /// <summary>
    /// mailbox_set_code (reference §7.7): the new code twice, '#' after each. Refused, with the reason spoken, when it is
    /// shorter than the minimum, the owner's extension, one digit repeated (1111) or a run (1234, 4321), or when the
    /// two entries differ.
    /// </summary>
    private async ValueTask<Outcome> SetCodeAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.Mailbox is not { } cursor)
            return NoMailbox(call, request);
        var first = await AskCodeAsync(call, "enter_new_code", cancellationToken, request.TypedAhead).ConfigureAwait(false);
        if (first is not DigitsOutcome { Digits: var code })
            return first is HangUpOutcome ? first : await RefuseAsync(call, "no_entry", cancellationToken).ConfigureAwait(false);
        if (CodeProblem(code, cursor.Owner) is { } problem)
        {
            call.Channel.Note($"new code refused: {problem}");
            return await RefuseAsync(call, "invalid_code", cancellationToken).ConfigureAwait(false);
        }
        var second = await AskCodeAsync(call, "enter_code_again", cancellationToken).ConfigureAwait(false);
        if (second is not DigitsOutcome { Digits: var again } || again != code)
            return second is HangUpOutcome ? second : await RefuseAsync(call, "codes_differ", cancellationToken).ConfigureAwait(false);
        await store.SetCodeAsync(cursor.Owner.Name, code, cancellationToken).ConfigureAwait(false);
        call.Channel.Note($"code of {cursor.Owner.Name} changed");
        return After(await call.Channel.PlayAsync(Prompts(call, System("code_changed")), cancellationToken).ConfigureAwait(false), "Success");
    }

    private static ValueTask<Outcome> AskCodeAsync(CallContext call, string prompt, CancellationToken cancellationToken, string typedAhead = "") =>
        call.Channel.CollectAsync(new CollectDigitsEffect(15, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), typedAhead, false)
        {
            // A caller who typed ahead does not need to be asked.
            Prompts = typedAhead.Length > 0 ? [] : [System(prompt)],
            Languages = PromptLanguages.FallbackChain(call.State.Language),
        }, cancellationToken);

    private static async ValueTask<Outcome> RefuseAsync(CallContext call, string prompt, CancellationToken cancellationToken) =>
        After(await call.Channel.PlayAsync(Prompts(call, System(prompt)), cancellationToken).ConfigureAwait(false), "Failure");

    /// <summary>Why a new code may not be used, or null when it may: the same rules as `vmc mailbox reset-code`.</summary>
    internal string? CodeProblem(string code, MailboxOwner owner) =>
        CallFlow.Configuration.VoicemailCodeRules.Check(code, policy.MinCodeLength, owner.Extension.Length > 0 ? owner.Extension : null);
}
