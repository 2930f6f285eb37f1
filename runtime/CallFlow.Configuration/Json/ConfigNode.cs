namespace CallFlow.Configuration.Json;

/// <summary>A JSON value with the UTF-8 offset of its first byte, so every diagnostic can point at it.</summary>
internal abstract record ConfigNode(int Offset)
{
    /// <summary>How a message names this kind of value: "an object", "a list", "a string", "null" …</summary>
    public abstract string Describe();
}
