using System.Diagnostics;
using Xunit.Abstractions;

namespace CallFlow.Audio.Tests;

/// <summary>
/// Files written by sox, the tool most people convert prompts with, and ours read back by it. sox is not a build
/// requirement: without it these tests say so and pass, and the hand-built files in <see cref="WavReaderTests"/>
/// cover the same layouts (fmt with cbSize, fact, LIST, WAVE_FORMAT_EXTENSIBLE).
/// </summary>
public sealed class SoxInteropTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string? Sox = FindOnPath("sox");
    private readonly string _directory = Directory.CreateTempSubdirectory("callflow-audio-sox-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("-e u-law", AudioEncoding.MuLaw, 8000, 1)]
    [InlineData("-e a-law", AudioEncoding.ALaw, 8000, 1)]
    [InlineData("-e signed -b 16", AudioEncoding.Pcm16, 8000, 1)]
    [InlineData("-e signed -b 16", AudioEncoding.Pcm16, 16000, 2)]
    [InlineData("-e signed -b 16", AudioEncoding.Pcm16, 48000, 6)] // sox writes WAVE_FORMAT_EXTENSIBLE past 2 channels
    public void Reads_what_sox_writes(string encoding, AudioEncoding expected, int rate, int channels)
    {
        if (Sox is null)
        {
            output.WriteLine("sox is not installed; skipped (WavReaderTests covers the layouts sox writes)");
            return;
        }
        var path = Path.Combine(_directory, "sox.wav");
        Run($"-n -r {rate} -c {channels} {encoding} \"{path}\" synth 1.5 sine 440");

        var info = WavReader.Read(File.ReadAllBytes(path));

        Assert.Equal(new AudioFormat(expected, rate, channels), info.Format);
        Assert.Equal(TimeSpan.FromSeconds(1.5), info.Duration);
        Assert.False(info.Truncated);
    }

    [Theory]
    [InlineData(AudioEncoding.MuLaw)]
    [InlineData(AudioEncoding.ALaw)]
    [InlineData(AudioEncoding.Pcm16)]
    public void Sox_decodes_what_we_write_to_the_same_samples(AudioEncoding encoding)
    {
        if (Sox is null)
        {
            output.WriteLine("sox is not installed; skipped (G711Tests checks every code against the ITU reference)");
            return;
        }
        var tone = new short[4000];
        Tone.Sine(tone, 697, 0.7);
        var pcm = new byte[tone.Length * 2];
        SampleConverter.WritePcm16(tone, pcm);
        var encoded = new byte[SampleConverter.ConvertedLength(pcm.Length, AudioEncoding.Pcm16, encoding)];
        SampleConverter.Convert(pcm, AudioEncoding.Pcm16, encoded, encoding);
        var ours = Path.Combine(_directory, "ours.wav");
        var raw = Path.Combine(_directory, "decoded.raw");
        WavWriter.WriteFile(ours, AudioFormat.Telephony(encoding), encoded);

        Run($"\"{ours}\" -t raw -e signed -b 16 -L \"{raw}\"");

        var expected = new byte[pcm.Length];
        SampleConverter.Convert(encoded, encoding, expected, AudioEncoding.Pcm16);
        Assert.Equal(expected, File.ReadAllBytes(raw));
    }

    private void Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Sox!, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output.WriteLine($"sox {arguments}: {errors}");
        Assert.True(process.ExitCode == 0, $"sox {arguments} failed: {errors}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
