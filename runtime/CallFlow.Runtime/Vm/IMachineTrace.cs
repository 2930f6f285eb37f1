namespace CallFlow.Runtime.Vm;

/// <summary>
/// Watches a machine run, for transcripts and debugging: which actions a call enters and which results it follows.
/// Optional; a machine without one pays a null check per action and allocates nothing for it.
/// </summary>
public interface IMachineTrace
{
    /// <summary>The call reached the first instruction of an action (its entry prompts, PIN check or the action itself).</summary>
    void Entered(CallState call, int pc);

    /// <summary>The action at <paramref name="pc"/> took <paramref name="result"/>, which leads to <paramref name="target"/>
    /// (-1: nothing connected, the call ends or goes back to the queue).</summary>
    void Took(CallState call, int pc, string result, int target);
}
