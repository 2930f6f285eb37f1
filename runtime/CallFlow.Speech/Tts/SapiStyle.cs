namespace CallFlow.Speech.Tts;

/// <summary>Volume 0..100 (SAPI level), rate and pitch -10..10 (SAPI steps), and two flags.</summary>
internal readonly record struct SapiStyle(int Volume, int Rate, int Pitch, bool Emphasis, bool Spell)
{
    public static readonly SapiStyle Default = new(100, 0, 0, false, false);
}
