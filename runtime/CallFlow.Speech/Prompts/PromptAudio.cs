namespace CallFlow.Speech.Prompts;

/// <summary>
/// One prompt ready to play: 8 kHz mono µ-law, the language it was found in and where it came from. When nothing
/// could be found, <see cref="Problem"/> says why and <see cref="MuLaw"/> holds <see cref="PromptLibrary.ProblemTone"/>,
/// so the caller hears that something is missing and the call goes on.
/// </summary>
/// <param name="MuLaw">The samples, no header.</param>
/// <param name="Language">The language the audio is in, or null (a problem, a language-neutral file).</param>
/// <param name="Source">Where it came from, for logs: a file path, <c>tts fr-fr</c>, <c>composed: num_21 ...</c>.</param>
/// <param name="Problem">Why the prompt could not be played, or null.</param>
public sealed record PromptAudio(ReadOnlyMemory<byte> MuLaw, string? Language, string Source, string? Problem = null)
{
    /// <summary>True when the prompt was found.</summary>
    public bool Found => Problem is null;

    /// <summary>Play time (8000 bytes a second).</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(MuLaw.Length * TimeSpan.TicksPerSecond / 8000);
}
