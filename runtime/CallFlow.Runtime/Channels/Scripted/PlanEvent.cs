namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>What the scripted caller or network does next, in the order the plan gives.</summary>
public enum PlanEventKind
{
    /// <summary>Keys: while prompts play they barge in; while keys are collected they are the entry.</summary>
    Press,
    /// <summary>No keys: the collection times out.</summary>
    Silence,
    /// <summary>A fax tone.</summary>
    Fax,
    /// <summary>The caller hangs up.</summary>
    HangUp,
    /// <summary>The answer to the next request: the result the action takes (for example "answer Busy").</summary>
    Answer,
}

/// <summary>One line of a call plan, with its line number for error messages.</summary>
public sealed record PlanEvent(PlanEventKind Kind, string Argument, int Line);
