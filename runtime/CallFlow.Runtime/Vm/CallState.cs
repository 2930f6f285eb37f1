using CallFlow.Runtime.Evaluation;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// One call's own state: where it is, its module frames, its variables and what it waits for. Small, and no
/// thread, timer or task: a waiting call is just this object.
/// </summary>
public sealed class CallState
{
    /// <summary>Creates the state of a new call.</summary>
    public CallState(CallVariables variables, string language)
    {
        Variables = variables;
        Language = language;
    }

    /// <summary>The call's variables ($CLI, $KEY, $CP0 ...).</summary>
    public CallVariables Variables { get; }

    /// <summary>The prompt language; select_system_prompt_language changes it.</summary>
    public string Language { get; internal set; }

    /// <summary>The instruction the call is at.</summary>
    public int Pc { get; internal set; }

    internal int EntryFlow { get; set; }
    internal bool InQueueFlow { get; set; }
    internal Stack<(int ResultTable, int Flow)> Frames { get; } = new();
    internal Waiting Waiting { get; set; }
    internal string TypeAhead { get; set; } = "";
    internal int Attempts { get; set; }
    // Actions that ask the caller in several steps (alarm_set) keep what was answered so far here.
    internal int Stage { get; set; }
    internal string Answer1 { get; set; } = "";
    internal string Answer2 { get; set; } = "";
    internal TimeSpan? CompleteSequence { get; set; }
    internal DateTimeOffset? HungUpAt { get; set; }
}
