using System.Collections.Concurrent;
using System.Collections.Immutable;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// The system-wide user variables read as $REG[name] (reference §6.3): one store shared by every call, so it is
/// safe to read and write from any thread. Names are case-sensitive, as the compiler checks them. Values are
/// capped at <see cref="CallVariables.MaxValueLength"/> characters like call variables.
/// </summary>
/// <example><c>var users = UserVariables.FromProgram(program); users.Set("Greeting", "holiday");</c></example>
public sealed class UserVariables
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>An empty store.</summary>
    public UserVariables()
    {
    }

    /// <summary>A store holding the given names and values (e.g. as last persisted).</summary>
    public UserVariables(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (name, value) in values)
            Set(name, value);
    }

    /// <summary>A store holding each user variable the program declares, with its initial value.</summary>
    public static UserVariables FromProgram(VmpProgram program)
    {
        var store = new UserVariables();
        foreach (var variable in program.UserVariables)
            store.Set(program.Strings[variable.Name], program.Strings[variable.InitialValue]);
        return store;
    }

    /// <summary>The value of user variable <paramref name="name"/>; "" when it has none.</summary>
    public string Get(string name) => _values.TryGetValue(name, out var value) ? value : "";

    /// <summary>Sets user variable <paramref name="name"/>; a value over the cap is truncated.</summary>
    public SetVariableResult Set(string name, string value)
    {
        var stored = CallVariables.Cap(value);
        _values[name] = stored;
        return ReferenceEquals(stored, value) ? SetVariableResult.Stored : SetVariableResult.Truncated;
    }

    /// <summary>Every user variable and its value, sorted by name, for persisting and for the client's view.</summary>
    public ImmutableSortedDictionary<string, string> Snapshot() =>
        _values.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
