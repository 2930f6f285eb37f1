using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CallFlow.Speech.Tts;

/// <summary>
/// Runs espeak-ng once per synthesis, without a shell: the arguments go through <see cref="ProcessStartInfo.ArgumentList"/>
/// and the text through standard input (<c>--stdin</c>), never the command line, so nothing in it can become an
/// option and its length is not bounded by the system's argument limit. The WAV comes back on standard output
/// (<c>--stdout</c>). A process is cheap (about 15 ms, docs/benchmarks.md), and separate processes run in parallel,
/// which libespeak-ng's single global state cannot.
/// </summary>
public sealed class EspeakProcessEngine : ISpeechEngine
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly EspeakOptions _options;
    private long _processesStarted;

    /// <summary>An engine that runs <see cref="EspeakOptions.ExecutablePath"/>.</summary>
    public EspeakProcessEngine(EspeakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Processes started so far (syntheses, voice listings and version queries).</summary>
    public long ProcessesStarted => Interlocked.Read(ref _processesStarted);

    /// <inheritdoc />
    public async Task<byte[]> SynthesizeAsync(string voice, string ssml, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(voice);
        ArgumentNullException.ThrowIfNull(ssml);
        if (voice.StartsWith('-'))
            throw new ArgumentException($"'{voice}' is not a voice name", nameof(voice));
        List<string> arguments =
        [
            "-v", voice,
            "-m",                // SSML: SapiMarkup emits only <speak>, <prosody>, <emphasis>, <say-as>, <break> and escaped text
            "-b", "1",           // the input is UTF-8
            "-s", _options.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
            "-a", _options.Amplitude.ToString(CultureInfo.InvariantCulture),
            "--stdout", "--stdin",
        ];
        var (output, error, exitCode) = await RunAsync(arguments, ssml, _options.MaxOutputBytes, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || output.Length == 0)
            // espeak-ng 1.51 exits 0 with no output for an unknown voice; its reason is on standard error.
            throw new SpeechEngineException(TtsFailure.EngineFailed,
                $"espeak-ng gave no audio for voice '{voice}' (exit code {exitCode}){Describe(error)}");
        return output;
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var (output, error, exitCode) = await RunAsync(["--voices"], "", 1 << 20, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
            throw new SpeechEngineException(TtsFailure.EngineFailed, $"espeak-ng --voices failed (exit code {exitCode}){Describe(error)}");
        return EspeakVoiceList.Parse(Encoding.UTF8.GetString(output));
    }

    /// <inheritdoc />
    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        var (output, error, exitCode) = await RunAsync(["--version"], "", 1 << 16, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(output).Trim();
        if (exitCode != 0 || text.Length == 0)
            throw new SpeechEngineException(TtsFailure.EngineFailed, $"espeak-ng --version failed (exit code {exitCode}){Describe(error)}");
        // "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/..." : the data folder is not part of the version.
        var data = text.IndexOf("Data at", StringComparison.Ordinal);
        return (data < 0 ? text.Split('\n')[0] : text[..data]).Trim();
    }

    private async Task<(byte[] Output, string Error, int ExitCode)> RunAsync(
        List<string> arguments, string input, int maxOutput, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            CreateNoWindow = true,
        };
        if (_options.DataPath is { } path)
            start.ArgumentList.Add("--path=" + path);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or FileNotFoundException or InvalidOperationException)
        {
            throw new SpeechEngineException(TtsFailure.NotInstalled,
                $"espeak-ng could not be started from '{_options.ExecutablePath}' ({e.Message}); install it (Debian: apt-get install espeak-ng) " +
                "or set the path of the program", e);
        }
        Interlocked.Increment(ref _processesStarted);
        try
        {
            var output = ReadAllAsync(process.StandardOutput.BaseStream, maxOutput, cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process closed its input early (it failed at start-up); its exit code and error say why.
            }
            var bytes = await output.ConfigureAwait(false);
            var message = await error.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (bytes, message, process.ExitCode);
        }
        finally
        {
            Kill(process);
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new SpeechEngineException(TtsFailure.TooLong, $"espeak-ng's audio passed the limit of {maxBytes:N0} bytes; shorten the text");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Ends a process that is still running (timeout, cancellation, an exception); one that exited is left alone.</summary>
    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // The kill itself failed (permissions); nothing more can be done here.
        }
    }

    private static string Describe(string error)
    {
        var line = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "" : ": " + line;
    }
}
