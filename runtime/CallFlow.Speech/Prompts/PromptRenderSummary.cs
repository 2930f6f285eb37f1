using System.Collections.Immutable;

namespace CallFlow.Speech.Prompts;

/// <summary>What a <see cref="PromptRenderer"/> run did.</summary>
/// <param name="Rendered">Files written (new, or whose text, voice or engine changed).</param>
/// <param name="UpToDate">Files left as they were.</param>
/// <param name="Removed">Files of names no longer in the catalogue, deleted.</param>
/// <param name="Failures">One line per prompt that could not be rendered.</param>
public sealed record PromptRenderSummary(int Rendered, int UpToDate, int Removed, ImmutableArray<string> Failures);
