using System.Collections.Immutable;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// Play prompts; a key pressed during them stops playback and is handed back (barge-in). System prompts are looked
/// up in <see cref="Languages"/>, the call's language first and then its fallbacks (French Canadian: frc, fr, enu,
/// en). Resume with <see cref="PlayedOutcome"/>.
/// </summary>
public sealed record PlayEffect(ImmutableArray<PlayPrompt> Prompts, ImmutableArray<string> Languages) : Effect;
