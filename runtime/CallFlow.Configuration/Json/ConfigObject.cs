using System.Collections.Immutable;

namespace CallFlow.Configuration.Json;

/// <summary>A JSON object, its properties in file order (repeated keys kept, the binder reports them).</summary>
internal sealed record ConfigObject(int Offset, ImmutableArray<ConfigProperty> Properties) : ConfigNode(Offset)
{
    public override string Describe() => "an object";
}
