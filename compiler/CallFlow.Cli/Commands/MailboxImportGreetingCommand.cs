using System.CommandLine;
using CallFlow.Audio;
using CallFlow.Cli.Output;
using CallFlow.Mailbox;

namespace CallFlow.Cli.Commands;

/// <summary>
/// <c>vmc mailbox import-greeting &lt;name&gt; &lt;file.wav&gt; [--slot standard]</c>: stores a recorded greeting. The WAV
/// must be 8 kHz mono µ-law, A-law or 16-bit PCM; it is stored as µ-law, the encoding CallFlow plays. A configured
/// mailbox that is not in the store yet is created first.
/// </summary>
public sealed class MailboxImportGreetingCommand(IOContext io)
{
    /// <summary>An hour of 16-bit PCM at 8 kHz is 57.6 MB; anything larger is not a greeting.</summary>
    public const long MaxFileBytes = 64 * 1024 * 1024;

    public static Command Create(IOContext io, MailboxOptions options)
    {
        var name = new Argument<string>("name") { Description = "the mailbox (user or group Name, case-sensitive)" };
        var file = new Argument<string>("file") { Description = "the WAV file: 8 kHz mono, µ-law, A-law or 16-bit PCM" };
        var slot = new Option<string>("--slot")
        {
            Description = "the greeting slot: standard, name, internal, external, busy, out-of-hours, queued, still-queued, …",
            DefaultValueFactory = _ => GreetingSlots.Standard,
        };
        var command = new Command("import-greeting", "Store a WAV file as a mailbox's greeting (or recorded name)") { name, file, slot };
        command.SetAction((parseResult, ct) => new MailboxImportGreetingCommand(io).RunAsync(options.Read(parseResult),
            parseResult.GetValue(name)!, parseResult.GetValue(file)!, parseResult.GetValue(slot)!, ct));
        return command;
    }

    public async Task<int> RunAsync(MailboxArguments arguments, string input, string file, string slot, CancellationToken cancellationToken)
    {
        if (!GreetingSlots.IsValid(slot))
        {
            io.Error.WriteLine($"vmc: error: '{slot}' is not a greeting slot; slots are lower-case letters, digits and '-' (at most 32), " +
                $"e.g. {GreetingSlots.Standard}, {GreetingSlots.Name}, {GreetingSlots.OutOfHours}");
            return ExitCodes.UsageOrIo;
        }
        var (audio, description, failure) = ReadAudio(file);
        if (audio is null)
            return failure;

        var (environment, exitCode) = MailboxEnvironment.Open(io, arguments, createStore: true);
        if (environment is null)
            return exitCode;
        await using (environment)
        {
            if (await MailboxLookup.ResolveAsync(io, environment, input, cancellationToken) is not { } name)
                return ExitCodes.UsageOrIo;
            var store = environment.Store!;
            if (await store.GetMailboxAsync(name, cancellationToken) is null)
                await store.EnsureMailboxAsync(name, await environment.KindOfAsync(name, cancellationToken), cancellationToken);
            await store.SaveGreetingAsync(name, slot, audio, cancellationToken);
            var length = AudioFormat.Telephony(AudioEncoding.MuLaw).DurationOf(audio.Length);
            io.Output.WriteLine($"imported greeting '{slot}' of {name}: {MailboxText.Seconds(length)}, {description}");
            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// The µ-law samples and how they were made; or no audio and the exit code, after printing why: 2 when the file
    /// cannot be read, 1 when it is not usable audio.
    /// </summary>
    private (byte[]? Audio, string Description, int ExitCode) ReadAudio(string file)
    {
        byte[] bytes;
        try
        {
            var path = Path.GetFullPath(file, io.WorkingDirectory);
            if (new FileInfo(path) is { Exists: true, Length: > MaxFileBytes } big)
            {
                io.Error.WriteLine($"{file}: error: the file is {big.Length} bytes; a greeting is limited to {MaxFileBytes} bytes");
                return (null, "", ExitCodes.InputErrors);
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"vmc: error: cannot read '{file}': {e.Message}");
            return (null, "", ExitCodes.UsageOrIo);
        }

        WavInfo info;
        try
        {
            info = WavReader.Read(bytes);
        }
        catch (WavFormatException e)
        {
            io.Error.WriteLine($"{file}: error: {e.Message}");
            return (null, "", ExitCodes.InputErrors);
        }
        var format = info.Format;
        if (format.SampleRate != 8000 || format.Channels != 1)
        {
            io.Error.WriteLine($"{file}: error: the audio is {format.SampleRate} Hz with {format.Channels} channel(s), but greetings must be 8000 Hz mono " +
                "(CallFlow does not resample or down-mix)");
            io.Error.WriteLine("  hint: convert it first, e.g. sox in.wav -r 8000 -c 1 -e u-law out.wav");
            return (null, "", ExitCodes.InputErrors);
        }
        if (info.SampleFrames == 0)
        {
            io.Error.WriteLine($"{file}: error: the file holds no audio");
            return (null, "", ExitCodes.InputErrors);
        }
        if (info.Truncated)
            io.Error.WriteLine($"{file}: warning: the file ends before its data chunk does; importing the {MailboxText.Seconds(info.Duration)} present");

        var audio = SampleConverter.ToTelephonyMuLaw(info.GetData(bytes), format);
        var description = format.Encoding switch
        {
            AudioEncoding.MuLaw => "8 kHz mono µ-law, stored as it was",
            AudioEncoding.ALaw => "8 kHz mono A-law, converted to µ-law",
            _ => "8 kHz mono 16-bit PCM, converted to µ-law",
        };
        return (audio, description, ExitCodes.Success);
    }
}
