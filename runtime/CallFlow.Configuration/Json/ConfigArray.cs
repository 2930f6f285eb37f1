using System.Collections.Immutable;

namespace CallFlow.Configuration.Json;

/// <summary>A JSON array.</summary>
internal sealed record ConfigArray(int Offset, ImmutableArray<ConfigNode> Items) : ConfigNode(Offset)
{
    public override string Describe() => "a list";
}
