using CallFlow.Mailbox;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Hosting.Mailboxes;

public sealed partial class MailboxRequestHandler
{
    /// <summary>
    /// Whether <c>pin "$"</c> must ask for the code (reference §7.7, §7.8): not from a trusted source number (V
    /// entry), nor from the owner's own extension while the mailbox has no code; every other caller is asked.
    /// </summary>
    private async ValueTask<Outcome> CodeNeededAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var owner = Resolve(call, request, leaving: false);
        if (owner is null)
            return new ResultOutcome("Yes");
        if (owner.TrustedNumbers.Contains(call.Info.Caller))
        {
            call.Channel.Note($"{call.Info.Caller} is a trusted number of {owner.Name}: no code asked");
            return new ResultOutcome("No");
        }
        var mailbox = await store.GetMailboxAsync(owner.Name, cancellationToken).ConfigureAwait(false);
        if (mailbox is { HasCode: false } && owner.Extension.Length > 0 && owner.Extension == call.Info.Caller)
        {
            call.Channel.Note($"{owner.Name} has no code and is called from its own extension: no code asked");
            return new ResultOutcome("No");
        }
        return new ResultOutcome("Yes");
    }

    /// <summary>Checks an entered code against the store, which counts failures and locks the mailbox after too many.</summary>
    private async ValueTask<Outcome> CheckCodeAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken)
    {
        var owner = Resolve(call, request, leaving: false);
        if (owner is null)
        {
            call.Channel.Note("code check: there is no such mailbox");
            return new ResultOutcome("Failure");
        }
        var entered = request.Settings.TryGetValue("entered", out var code) ? code : "";
        var verification = await store.VerifyCodeAsync(owner.Name, entered, cancellationToken).ConfigureAwait(false);
        switch (verification.Status)
        {
            case CodeVerificationStatus.Accepted:
                call.CodeEnteredFor = owner.Name;
                return new ResultOutcome("Success");
            case CodeVerificationStatus.LockedOut:
                call.Channel.Note($"{owner.Name} is locked after repeated wrong codes until {verification.LockedUntilUtc:yyyy-MM-dd HH:mm} UTC");
                return new ResultOutcome("Failure");
            case CodeVerificationStatus.NoCode:
                // Reference §7.7: remote access is not configured on a mailbox without a code.
                call.Channel.Note($"{owner.Name} has no code: remote access is not configured");
                return new ResultOutcome("Failure");
            default:
                call.Channel.Note($"wrong code for {owner.Name} ({verification.FailedAttempts} in a row)");
                return new ResultOutcome("Failure");
        }
    }
}
