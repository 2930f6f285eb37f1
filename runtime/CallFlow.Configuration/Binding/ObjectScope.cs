using CallFlow.Configuration.Json;

namespace CallFlow.Configuration.Binding;

/// <summary>
/// One JSON object of a known section: reports unknown keys (with "did you mean") and repeated keys once, then
/// hands out the first property of each known key.
/// </summary>
internal sealed class ObjectScope
{
    private readonly Dictionary<string, ConfigProperty> _properties = new(StringComparer.Ordinal);

    public ObjectScope(ConfigObject node, string path, string section, IReadOnlyList<string> keys, DiagnosticSink sink)
    {
        Node = node;
        Path = path;
        foreach (var property in node.Properties)
        {
            var keyPath = PathOf(property.Name);
            if (!keys.Contains(property.Name))
            {
                var suggestion = Suggestions.DidYouMean(property.Name, keys);
                sink.Error(property.NameOffset, keyPath, ConfigurationCodes.UnknownKey, $"{section} has no key '{property.Name}'{suggestion}",
                    suggestion.Length == 0 ? $"the keys of {section} are: {string.Join(", ", keys)}" : null);
            }
            else if (_properties.TryGetValue(property.Name, out var first))
            {
                sink.Error(property.NameOffset, keyPath, ConfigurationCodes.DuplicateKey,
                    $"'{property.Name}' is already set on {sink.LineOf(first.NameOffset)}", "keep one of the two");
            }
            else
            {
                _properties.Add(property.Name, property);
            }
        }
    }

    public ConfigObject Node { get; }

    public string Path { get; }

    public ConfigProperty? this[string key] => _properties.GetValueOrDefault(key);

    public string PathOf(string key) => Join(Path, key);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
