namespace CallFlow.Runtime.Vm;

/// <summary>
/// Collect keys: at most <see cref="MaxDigits"/>, ending on '#' or <see cref="InterDigitTimeout"/> after the last key;
/// <see cref="Timeout"/> with no key at all. <see cref="AlreadyEntered"/> are keys typed ahead during the prompts.
/// Resume with <see cref="DigitsOutcome"/>, <see cref="TimeoutOutcome"/> or <see cref="FaxToneOutcome"/>.
/// </summary>
public sealed record CollectDigitsEffect(int MaxDigits, TimeSpan Timeout, TimeSpan InterDigitTimeout, string AlreadyEntered, bool DetectFax) : Effect;
