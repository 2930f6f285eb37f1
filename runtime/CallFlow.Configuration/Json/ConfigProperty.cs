namespace CallFlow.Configuration.Json;

/// <summary>One key and its value; <see cref="NameOffset"/> is where the key's opening quote is.</summary>
internal sealed record ConfigProperty(string Name, int NameOffset, ConfigNode Value);
