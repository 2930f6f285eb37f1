using System.Collections.Immutable;
using CallFlow.Configuration.Json;

namespace CallFlow.Configuration.Binding;

/// <summary>
/// Turns the JSON tree into a <see cref="CallFlowConfiguration"/>, checking every rule and reporting every problem
/// (never throwing). A value that is wrong is reported and replaced by its default, so checks that depend on it
/// still run and one mistake does not hide the next. Split by concern: values, system, mailboxes, references.
/// </summary>
internal sealed partial class ConfigurationBinder(DiagnosticSink sink)
{
    private readonly DiagnosticSink _sink = sink;

    public CallFlowConfiguration? Bind(ConfigNode root)
    {
        if (root is not ConfigObject rootObject)
        {
            _sink.Error(root.Offset, "", ConfigurationCodes.WrongType,
                $"the configuration must be an object, not {root.Describe()}", "start the file with { and end it with }");
            return null;
        }
        var scope = new ObjectScope(rootObject, "", "the configuration", ConfigKeys.Root, _sink);
        ReadString(scope, "$schema");
        var system = BindSystem(scope);
        var users = BindUsers(scope);
        var groups = BindGroups(scope);
        CheckReferences(users, groups);
        var server = BindServer(scope);
        var email = BindEmailSection(scope);
        CheckEmailModes(users, groups, email);
        if (_sink.HasErrors)
            return null;
        return new CallFlowConfiguration(system, [.. users.Select(u => u.Value)], [.. groups.Select(g => g.Value)]) { Server = server, Email = email };
    }

    private static string Index(string path, int index) => $"{path}[{index}]";

    /// <summary>The items of a list-valued key (reporting anything else), or empty.</summary>
    private ImmutableArray<ConfigNode> ReadList(ObjectScope scope, string key)
    {
        if (scope[key] is not { } property)
            return [];
        if (property.Value is ConfigArray array)
            return array.Items;
        WrongType(property.Value, scope.PathOf(key), "a list [ … ]");
        return [];
    }

    /// <summary>The object of an object-valued key (reporting anything else), or null.</summary>
    private ObjectScope? ReadSection(ObjectScope parent, string key, IReadOnlyList<string> keys)
    {
        if (parent[key] is not { } property)
            return null;
        var path = parent.PathOf(key);
        if (property.Value is ConfigObject node)
            return new ObjectScope(node, path, path, keys, _sink);
        WrongType(property.Value, path, "an object { … }");
        return null;
    }

    private void WrongType(ConfigNode value, string path, string expected, string? hint = null) =>
        _sink.Error(value.Offset, path, ConfigurationCodes.WrongType, $"expected {expected}, found {value.Describe()}", hint);
}
