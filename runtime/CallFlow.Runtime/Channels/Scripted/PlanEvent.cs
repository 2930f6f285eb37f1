using System.Collections.Immutable;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>What the scripted caller or network does next, in the order the plan gives.</summary>
public enum PlanEventKind
{
    /// <summary>Keys: while prompts play they barge in; while keys are collected they are the entry.</summary>
    Press,
    /// <summary>No keys: the collection times out.</summary>
    Silence,
    /// <summary>The caller lets the prompts now playing finish without a key (where prompts repeat, as a clock's do).</summary>
    Listen,
    /// <summary>The caller talks for a while (the argument, a TimeSpan in "c" format): audio for a recording.</summary>
    Talk,
    /// <summary>A fax tone.</summary>
    Fax,
    /// <summary>The caller hangs up.</summary>
    HangUp,
    /// <summary>The answer to the next request: the result the action takes, and variables it sets
    /// (for example "answer Busy", or "answer Success $DBD[0]=\"Alice Smith\"").</summary>
    Answer,
}

/// <summary>One line of a call plan, with its line number for error messages.</summary>
public sealed record PlanEvent(PlanEventKind Kind, string Argument, int Line)
{
    /// <summary>For an answer: the call variables the action sets, by name.</summary>
    public ImmutableSortedDictionary<string, string> Variables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
