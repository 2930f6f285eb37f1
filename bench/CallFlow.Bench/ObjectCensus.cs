using System.Reflection;
using System.Runtime.CompilerServices;

namespace CallFlow.Bench;

/// <summary>
/// Which objects one suspended call holds, by type: walks the object graph from a call's roots by reflection (private
/// fields of BCL collections included) and sizes each object by allocating one like it and reading
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>. Objects that another call also reaches (the user variables,
/// the zone, comparers, program strings, interned literals) are shared and not counted.
/// </summary>
internal static class ObjectCensus
{
    /// <summary>One type's share of a call: objects and bytes.</summary>
    public sealed record Entry(string Type, int Objects, long Bytes);

    /// <summary>
    /// The objects reachable from <paramref name="roots"/> and not from <paramref name="others"/> (roots of other
    /// calls) or <paramref name="shared"/> (program, machine, stores), by type, largest first.
    /// </summary>
    public static List<Entry> Take(object[] roots, object[][] others, object[] shared)
    {
        var excluded = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var root in shared)
            Walk(root, excluded, null);
        foreach (var other in others)
        {
            foreach (var root in other)
                Walk(root, excluded, null);
        }
        var own = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var root in roots)
            Walk(root, own, excluded);
        return own.GroupBy(o => Name(o.GetType()))
            .Select(g => new Entry(g.Key, g.Count(), g.Sum(SizeOf)))
            .OrderByDescending(e => e.Bytes).ThenBy(e => e.Type, StringComparer.Ordinal)
            .ToList();
    }

    private static void Walk(object root, HashSet<object> seen, HashSet<object>? excluded)
    {
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (excluded is not null && excluded.Contains(current))
                continue;
            if (current is string text && ReferenceEquals(string.IsInterned(text), text))
                continue;
            if (current is Type or MemberInfo or Delegate || !seen.Add(current))
                continue;
            foreach (var child in Children(current))
                pending.Push(child);
        }
    }

    private static IEnumerable<object> Children(object current)
    {
        var type = current.GetType();
        if (current is Array array)
        {
            var element = type.GetElementType()!;
            if (element.IsPrimitive || element.IsEnum || element.IsPointer)
                yield break;
            foreach (var item in array)
            {
                if (item is null)
                    continue;
                if (element.IsValueType)
                {
                    foreach (var inner in Inside(item, element))
                        yield return inner;
                }
                else
                {
                    yield return item;
                }
            }
            yield break;
        }
        foreach (var inner in Inside(current, type))
            yield return inner;
    }

    /// <summary>The objects the fields of <paramref name="value"/> refer to, looking into fields of value types.</summary>
    private static IEnumerable<object> Inside(object value, Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var fieldType = field.FieldType;
                if (fieldType.IsPrimitive || fieldType.IsEnum || fieldType.IsPointer || fieldType.IsFunctionPointer || fieldType.IsByRefLike)
                    continue;
                var child = field.GetValue(value);
                if (child is null)
                    continue;
                if (fieldType.IsValueType)
                {
                    foreach (var inner in Inside(child, child.GetType()))
                        yield return inner;
                }
                else
                {
                    yield return child;
                }
            }
        }
    }

    private static readonly Dictionary<(Type, int), long> Sizes = [];

    /// <summary>What the object took on the heap: measured by allocating one of the same type (and length).</summary>
    private static long SizeOf(object value)
    {
        var type = value.GetType();
        var length = value switch
        {
            string text => text.Length,
            Array array => array.Length,
            _ => -1,
        };
        if (Sizes.TryGetValue((type, length), out var size))
            return size;
        // The first call for a type also fills the runtime's caches for it: the smallest of a few is the object alone.
        size = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            object made = value switch
            {
                string => new string('x', length),
                Array => Array.CreateInstance(type.GetElementType()!, length),
                _ => RuntimeHelpers.GetUninitializedObject(type),
            };
            size = Math.Min(size, GC.GetAllocatedBytesForCurrentThread() - before);
            GC.KeepAlive(made);
        }
        Sizes[(type, length)] = size;
        return size;
    }

    /// <summary>"Dictionary&lt;String, String&gt;", "Entry&lt;String, String&gt;[]": short generic names.</summary>
    public static string Name(Type type)
    {
        if (type.IsArray)
            return Name(type.GetElementType()!) + "[]";
        if (!type.IsGenericType)
            return type.Name;
        var name = type.Name;
        var tick = name.IndexOf('`');
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
