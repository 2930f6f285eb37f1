using System.Collections.Immutable;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// How one language reads numbers, times and dates out of small pre-rendered pieces (<c>num_42</c>, <c>time_pm</c>,
/// <c>month_11</c> ...), whose texts are in the language's catalogue.
/// </summary>
public interface IPromptGrammar
{
    /// <summary>Languages of one family share piece names and meanings (en and enu; fr and frc), so their pieces may stand in for each other.</summary>
    string Family { get; }

    /// <summary>The piece names that read <paramref name="value"/>, in order.</summary>
    ImmutableArray<string> Compose(PromptValue value);
}
