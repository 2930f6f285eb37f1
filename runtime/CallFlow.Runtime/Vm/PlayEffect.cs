using System.Collections.Immutable;

namespace CallFlow.Runtime.Vm;

/// <summary>Play prompts; a key pressed during them stops playback and is handed back (barge-in). Resume with <see cref="PlayedOutcome"/>.</summary>
public sealed record PlayEffect(ImmutableArray<PlayPrompt> Prompts) : Effect;
