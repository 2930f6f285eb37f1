using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Hosting.Mailboxes;

public sealed partial class MailboxRequestHandler
{
    private const int CodeAttempts = 3;

    /// <summary>
    /// Who may open a mailbox to collect (get_mail, mailbox_open), reference §7.7 and §7.8: a trusted source number (V
    /// entry) always; a hunt group's members from their own extensions (a group's code is for collecting remotely); the
    /// owner's own extension when the mailbox has no code; anyone who enters the code (asked here, at
    /// most three times, unless this call already entered it with <c>pin "$"</c>). A mailbox without a code is not
    /// reachable from anywhere else ("remote access is not configured"). Null when access is granted; otherwise the
    /// outcome that refused it (a hang-up, or a refusal the caller has heard).
    /// </summary>
    private async ValueTask<Outcome?> AccessAsync(CallContext call, MailboxOwner owner, RequestEffect request, CancellationToken cancellationToken)
    {
        if (call.CodeEnteredFor == owner.Name)
            return null;
        if (owner.TrustedNumbers.Contains(call.Info.Caller))
        {
            call.Channel.Note($"{call.Info.Caller} is a trusted number of {owner.Name}: no code asked");
            return null;
        }
        if (owner.IsGroup && owner.Members.Any(member => policy.Mailboxes.GetValueOrDefault(member)?.Extension is { Length: > 0 } extension && extension == call.Info.Caller))
        {
            call.Channel.Note($"{call.Info.Caller} is a member of {owner.Name}: no code asked");
            return null;
        }
        var mailbox = await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false);
        var ownExtension = owner.Extension.Length > 0 && owner.Extension == call.Info.Caller;
        if (mailbox is { HasCode: false })
        {
            if (ownExtension)
                return null;
            call.Channel.Note($"{owner.Name} has no code: remote access from {call.Info.Caller} is not configured");
            return Refused(await call.Channel.PlayAsync(Prompts(call, System("no_remote_access")), cancellationToken).ConfigureAwait(false));
        }
        var typed = request.TypedAhead;
        for (var attempt = 1; attempt <= CodeAttempts; attempt++)
        {
            var asked = await call.Channel.CollectAsync(new CollectDigitsEffect(15, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), typed, false)
            {
                Prompts = typed.Length > 0 ? [] : [System(attempt == 1 ? "enter_code" : "invalid_pin"), .. attempt == 1 ? Array.Empty<PlayPrompt>() : [System("enter_code")]],
                Languages = PromptLanguages.FallbackChain(call.State.Language),
            }, cancellationToken).ConfigureAwait(false);
            typed = "";
            if (asked is HangUpOutcome)
                return asked;
            var entered = asked is DigitsOutcome digits ? digits.Digits : "";
            var verification = await store.VerifyCodeAsync(owner.Name, entered, cancellationToken).ConfigureAwait(false);
            if (verification.Status == CodeVerificationStatus.Accepted)
            {
                call.CodeEnteredFor = owner.Name;
                return null;
            }
            if (verification.Status == CodeVerificationStatus.LockedOut)
            {
                call.Channel.Note($"{owner.Name} is locked after repeated wrong codes until {verification.LockedUntilUtc:yyyy-MM-dd HH:mm} UTC");
                return Refused(await call.Channel.PlayAsync(Prompts(call, System("invalid_pin")), cancellationToken).ConfigureAwait(false));
            }
            call.Channel.Note($"wrong code for {owner.Name} ({verification.FailedAttempts} in a row)");
        }
        return Refused(await call.Channel.PlayAsync(Prompts(call, System("invalid_pin")), cancellationToken).ConfigureAwait(false));
    }

    // A refusal the caller heard is a refusal; one they hung up on is a hang-up.
    private static Outcome Refused(Outcome played) => played is HangUpOutcome ? played : new ResultOutcome("Refused");
}
