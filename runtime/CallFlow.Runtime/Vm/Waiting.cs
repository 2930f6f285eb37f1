namespace CallFlow.Runtime.Vm;

/// <summary>What a suspended call waits for, so Resume knows how to read the outcome.</summary>
internal enum Waiting
{
    Nothing,
    Prompts,
    Speech,
    Pin,
    PinPreCheck,
    PinCheck,
    MenuKeys,
    MenuRetryPrompt,
    Request,
    Clock,
    AlarmEntry,
    VariableDigits,
}
