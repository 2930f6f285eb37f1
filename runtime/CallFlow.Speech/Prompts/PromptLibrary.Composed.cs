using System.Collections.Immutable;
using CallFlow.Vmp;

namespace CallFlow.Speech.Prompts;

public sealed partial class PromptLibrary
{
    /// <summary>
    /// A value read out in the first language of the chain that can: by its grammar when every piece is found in it
    /// or in a language of the same family further along its own chain (frc's pieces may be fr's, never en's), else by
    /// its templates through TTS.
    /// </summary>
    private async ValueTask<PromptAudio> ComposedAsync(VmpPromptKind kind, string text, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        if (PromptValue.Parse(kind, text) is not { } value)
            return Missing($"'{text}' is not a value CallFlow can read out (say_number:42, say_digits:201, say_time:14:05, say_date:2026-11-23)");
        foreach (var language in languages)
        {
            if (PromptComposer.GrammarFor(language) is { } grammar)
            {
                var pieces = grammar.Compose(value);
                if (await JoinPiecesAsync(grammar, language, pieces, cancellationToken).ConfigureAwait(false) is { } joined)
                    return new PromptAudio(joined, language, "composed: " + string.Join(' ', pieces));
            }
            else if (_tts is not null && PromptComposer.SpokenText(value, language, _catalogue) is { } spoken)
            {
                if (spoken.Length == 0)
                    return new PromptAudio(ReadOnlyMemory<byte>.Empty, language, "nothing to read");
                var result = await PromptRendering.RenderAsync(_tts, language, spoken, cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                    return new PromptAudio(result.Audio, language, $"tts {result.Voice}: {spoken}");
            }
        }
        return Missing($"'{text}' could not be read out in {string.Join(", ", languages)}: no language of the chain has its pieces or a TTS voice");
    }

    private async ValueTask<ReadOnlyMemory<byte>?> JoinPiecesAsync(IPromptGrammar grammar, string language, ImmutableArray<string> pieces, CancellationToken cancellationToken)
    {
        var family = PromptLanguages.FallbackChain(language).Where(l => PromptComposer.GrammarFor(l)?.Family == grammar.Family).Prepend(language).Distinct().ToArray();
        var parts = new List<ReadOnlyMemory<byte>>(pieces.Length);
        foreach (var piece in pieces)
        {
            ReadOnlyMemory<byte>? found = null;
            foreach (var candidate in family)
                if (await PieceAsync(candidate, piece, cancellationToken).ConfigureAwait(false) is { } audio)
                {
                    found = audio.Audio;
                    break;
                }
            if (found is not { } part)
                return null;
            parts.Add(part);
        }
        var joined = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(joined.AsSpan(offset));
            offset += part.Length;
        }
        return joined;
    }
}
