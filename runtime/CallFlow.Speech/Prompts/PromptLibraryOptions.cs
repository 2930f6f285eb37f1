namespace CallFlow.Speech.Prompts;

/// <summary>Where <see cref="PromptLibrary"/> finds audio.</summary>
public sealed record PromptLibraryOptions
{
    /// <summary>
    /// System prompts rendered by <c>build/render-prompts.sh</c>: <c>&lt;folder&gt;/&lt;language&gt;/&lt;name&gt;.wav</c>
    /// (default artifacts/prompts). A site may put its own recordings there under the same names. Null: none.
    /// </summary>
    public string? SystemPromptDirectory { get; init; }

    /// <summary>
    /// The folder of recorded prompts that flows name by path (<c>"greetings/welcome.wav"</c>); a path is looked up
    /// under <c>&lt;folder&gt;/&lt;language&gt;/</c> for each language of the call's chain first, then under the folder itself.
    /// </summary>
    public string? CustomPromptDirectory { get; init; }

    /// <summary>
    /// Renders a system prompt from the catalogue through TTS when no file has it (kept in memory afterwards): English
    /// and every catalogued language then work without running the render script first.
    /// </summary>
    public bool RenderOnDemand { get; init; } = true;

    /// <summary>Bytes of recorded prompt files kept in memory (least recently used out first).</summary>
    public long FileCacheBytes { get; init; } = 64L << 20;
}
