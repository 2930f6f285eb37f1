using System.CommandLine;
using CallFlow.Configuration;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mailbox reset-code &lt;name&gt; [--code DIGITS]</c>: sets a new voicemail code, checked against
/// min_password_length and the rules of reference §7.7 (<see cref="VoicemailCodeRules"/>), or without --code clears
/// it, so the mailbox can only be reached from its own extension. Either way a lockout ends.
/// </summary>
public sealed class MailboxResetCodeCommand(IOContext io)
{
    public static Command Create(IOContext io, MailboxOptions options)
    {
        var name = new Argument<string>("name") { Description = "the mailbox (user or group Name, case-sensitive)" };
        var code = new Option<string?>("--code") { Description = "the new code (digits); without it the code is cleared" };
        var command = new Command("reset-code", "Set or clear a mailbox's voicemail code (and end any lockout)") { name, code };
        command.SetAction((parseResult, ct) =>
            new MailboxResetCodeCommand(io).RunAsync(options.Read(parseResult), parseResult.GetValue(name)!, parseResult.GetValue(code), ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, string input, string? code, CancellationToken cancellationToken)
    {
        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: true);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            if (await MailboxLookup.ResolveAsync(io, environment, input, cancellationToken) is not { } name)
                return ExitCodes.UsageOrIo;
            var config = environment.Configuration;
            if (code is not null)
            {
                var extension = config.FindUser(name)?.Extension ?? config.FindGroup(name)?.Extension;
                if (VoicemailCodeRules.Check(code, config.System.MinPasswordLength, extension) is { } problem)
                {
                    io.Error.WriteLine($"vmc: error: {problem}");
                    io.Error.WriteLine($"  hint: use {Math.Max(config.System.MinPasswordLength, 1)} to {SystemPreferences.MaxPasswordLength} digits, " +
                        "not one digit repeated, not a run like 1234, not the extension");
                    return ExitCodes.UsageOrIo;
                }
            }
            var store = environment.Store!;
            if (await store.GetMailboxAsync(name, cancellationToken) is null)
                await store.EnsureMailboxAsync(name, await environment.KindOfAsync(name, cancellationToken), cancellationToken);
            await store.SetCodeAsync(name, code, cancellationToken);
            io.Output.WriteLine(code is null
                ? $"cleared the voicemail code of {name}: it can only be reached from its own extension until a code is set"
                : $"set a new voicemail code for {name}");
            return ExitCodes.Success;
        }
    }
}
