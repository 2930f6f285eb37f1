using System.Text.Json;

namespace CallFlow.Configuration.Json;

/// <summary>
/// A string, number, true, false or null. <see cref="Text"/> is the decoded string, or a number's literal text
/// exactly as written (so "3.0" and "1e2" can be refused where a whole number belongs).
/// </summary>
internal sealed record ConfigScalar(int Offset, JsonTokenType Type, string Text) : ConfigNode(Offset)
{
    public override string Describe() => Type switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => $"the number {Text}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => "null",
    };
}
