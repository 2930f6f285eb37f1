namespace CallFlow.Runtime.Vm;

/// <summary>Settings shared by every call a machine runs.</summary>
public sealed record MachineOptions
{
    /// <summary>Instructions one Start or Resume may run before the call is faulted (VF6001): a flow that loops
    /// without waiting for the caller must not hold a core.</summary>
    public int StepBudget { get; init; } = 10_000;

    /// <summary>The prompt language when the call brings none (Voicemail Pro's system locale).</summary>
    public string DefaultLanguage { get; init; } = "en";

    /// <summary>Wrong PIN entries before the call is ended.</summary>
    public int PinAttempts { get; init; } = 3;
}
