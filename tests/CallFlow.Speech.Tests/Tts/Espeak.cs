using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Tests.Tts;

/// <summary>The real espeak-ng, which CI installs (.ci/run); tests that need it pass quietly on a machine without it, but never under CI.</summary>
internal static class Espeak
{
    private static readonly Lazy<bool> IsInstalled = new(() =>
    {
        try
        {
            new EspeakProcessEngine(new EspeakOptions()).GetVersionAsync(CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (SpeechEngineException)
        {
            return false;
        }
    });

    /// <summary>True when espeak-ng runs; false off CI without it; under CI its absence fails the test.</summary>
    public static bool Available()
    {
        if (IsInstalled.Value)
            return true;
        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "espeak-ng is not installed; CI must install it (.ci/run)");
        return false;
    }
}
