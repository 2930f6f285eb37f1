using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallFlow.Audio;

namespace CallFlow.Server.Tests;

/// <summary>
/// baresip (Debian's 1.0.0) as a headless phone on loopback, driven without a terminal: a temporary config directory
/// (<c>baresip -f</c>) with one account that never registers (<c>regint=0</c>); the aufile module as the microphone,
/// reading a WAV the test writes, whose end makes baresip hang up; the sndfile filter writing what it sent and what
/// it heard to WAV files (baresip 1.0's aufile cannot play to a file; aubridge is the loudspeaker that goes nowhere);
/// the dial command given with <c>-e</c>; keys pressed through the cons module's UDP console (RFC 4733 events), each
/// released with baresip's key-release code. <c>-t</c> bounds its life, and <see cref="DisposeAsync"/> quits it, or
/// kills it if it does not go.
/// </summary>
internal sealed class BaresipPhone : IAsyncDisposable
{
    /// <summary>baresip's KEYCODE_REL: a key press through cons holds the key (a telephone-event that never ends) until this.</summary>
    private const byte KeyRelease = 0x04;

    private readonly DirectoryInfo _directory;
    private readonly Process _process;
    private readonly int _consolePort;
    private readonly StringBuilder _output = new();

    private BaresipPhone(DirectoryInfo directory, Process process, int consolePort)
    {
        _directory = directory;
        _process = process;
        _consolePort = consolePort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything baresip printed so far (its status lines use CR; they are split into lines here).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Whether baresip has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts baresip with <paramref name="microphone"/> (8 kHz mono 16-bit PCM) as what it says, dialling
    /// <paramref name="uri"/> at once; it quits by itself after <paramref name="lifetime"/>.
    /// </summary>
    public static BaresipPhone Dial(string uri, short[] microphone, TimeSpan lifetime)
    {
        var directory = Directory.CreateTempSubdirectory("callflow-baresip-");
        var source = Path.Combine(directory.FullName, "microphone.wav");
        WritePcm16(source, microphone);
        var recordings = Directory.CreateDirectory(Path.Combine(directory.FullName, "recordings"));
        var sipPort = LoopbackPorts.FreeUdpAndTcpPort();
        var consolePort = LoopbackPorts.FreeUdpAndTcpPort();
        var modules = Directory.Exists("/usr/lib/baresip/modules") ? "module_path\t\t/usr/lib/baresip/modules\n" : "";
        File.WriteAllText(Path.Combine(directory.FullName, "config"), $"""
            poll_method		epoll
            sip_listen		127.0.0.1:{sipPort}
            net_interface		127.0.0.1
            call_local_timeout	60
            call_max_calls		1
            audio_player		aubridge,nowhere
            audio_alert		aubridge,nowhere
            audio_source		aufile,{source}
            ausrc_srate		8000
            auplay_srate		8000
            ausrc_channels		1
            auplay_channels		1
            {modules}module			g711.so
            module			aufile.so
            module			aubridge.so
            module			sndfile.so
            module			cons.so
            module_tmp		account.so
            module_app		menu.so
            cons_listen		127.0.0.1:{consolePort}
            snd_path		{recordings.FullName}
            statmode_default	off

            """);
        File.WriteAllText(Path.Combine(directory.FullName, "accounts"), "<sip:baresip@127.0.0.1>;regint=0;audio_codecs=pcmu\n");

        var start = new ProcessStartInfo("baresip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory.FullName,
        };
        foreach (var argument in new[] { "-f", directory.FullName, "-t", ((int)Math.Ceiling(lifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture), "-e", $"/dial {uri}" })
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("baresip did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            directory.Delete(recursive: true);
            throw new InvalidOperationException("baresip is not installed (apt-get install baresip)", e);
        }
        return new BaresipPhone(directory, process, consolePort);
    }

    /// <summary>Presses <paramref name="key"/> for about <paramref name="hold"/> (the RFC 4733 event's length), then lets go.</summary>
    public async Task PressAsync(char key, TimeSpan hold)
    {
        using var console = new UdpClient(AddressFamily.InterNetwork);
        var endPoint = new IPEndPoint(IPAddress.Loopback, _consolePort);
        await console.SendAsync(new[] { (byte)key }, endPoint);
        await Task.Delay(hold);
        await console.SendAsync(new[] { KeyRelease }, endPoint);
    }

    /// <summary>Waits until baresip prints <paramref name="text"/>; false if it has not within <paramref name="bound"/>.</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > bound || _process.HasExited)
                return Output.Contains(text, StringComparison.Ordinal);
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>What baresip sent (before encoding) and what it heard (after decoding), as 8 kHz samples.</summary>
    public (short[] Sent, short[] Heard) Recordings()
    {
        var recordings = Path.Combine(_directory.FullName, "recordings");
        return (ReadPcm16(Single(recordings, "*-enc.wav")), ReadPcm16(Single(recordings, "*-dec.wav")));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var console = new UdpClient(AddressFamily.InterNetwork);
                await console.SendAsync("q"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, _consolePort));   // menu: quit
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is TimeoutException or SocketException)
            {
            }
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            foreach (var part in line.Split('\r', StringSplitOptions.RemoveEmptyEntries))
                _output.AppendLine(part);
        }
    }

    private static string Single(string directory, string pattern)
    {
        var files = Directory.GetFiles(directory, pattern);
        return files.Length == 1 ? files[0] : throw new InvalidOperationException($"expected one {pattern} in {directory}, found {files.Length}");
    }

    private static void WritePcm16(string path, short[] samples)
    {
        var data = new byte[samples.Length * 2];
        SampleConverter.WritePcm16(samples, data);
        WavWriter.WriteFile(path, AudioFormat.Telephony(AudioEncoding.Pcm16), data);
    }

    private static short[] ReadPcm16(string path)
    {
        var file = File.ReadAllBytes(path);
        var wav = WavReader.Read(file);
        if (wav.Format != AudioFormat.Telephony(AudioEncoding.Pcm16))
            throw new InvalidDataException($"{path}: {wav.Format}, expected 8 kHz mono PCM16");
        var samples = new short[wav.DataLength / 2];
        SampleConverter.ReadPcm16(wav.GetData(file), samples);
        return samples;
    }
}
