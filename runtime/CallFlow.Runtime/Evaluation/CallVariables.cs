using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CallFlow.Runtime.Evaluation;

/// <summary>
/// One call's variables (reference §6.1): the named call variables ($CLI, $KEY, $RES, ...), the registers
/// $CP0..$CP15, the counters $COUNTER1..$COUNTER15, the database fields $DBD0..$DBD5, the date and time
/// variables, and, through <see cref="Users"/>, the shared user variables $REG[name].
/// </summary>
/// <remarks>
/// <para>Names are written with or without the leading '$' and are case-sensitive, as the compiler checks them;
/// <c>$CP[3]</c> is <c>$CP3</c>. Reading a variable that was never set, or a name Voicemail Pro does not know,
/// gives "". Counters start at 0 and always read as a whole number.</para>
/// <para>Every stored value holds at most <see cref="MaxValueLength"/> characters (Voicemail Pro 4.2 and later);
/// a longer value keeps its first 512 UTF-16 characters (511 when the 512th would split a surrogate pair).</para>
/// <para>The date and time variables are computed from <see cref="Now"/> in <see cref="Zone"/> (the voicemail
/// server's configured zone), and $CALL_DATE/$CALL_TIME from <see cref="CallStart"/> in UTC; CallVariables.Clock.cs
/// lists the formats ("03", "3rd November 2026", "14:05:09", "2026-11-03"). Nothing here reads the machine's clock,
/// time zone or culture, so the same inputs give the same values anywhere.</para>
/// <para>Not thread-safe: a call's variables belong to that call, which runs on one thread at a time.</para>
/// </remarks>
/// <example>
/// <code>
/// var variables = new CallVariables(users, zone, callStart);
/// variables.SetSystem("$CLI", "01707364143");          // the host, when the call arrives
/// variables.Set("$CP1", "Sales");                      // a flow (CP1:Sales)
/// variables.Expand("Caller $CLI for $CP[1]");          // "Caller 01707364143 for Sales"
/// </code>
/// </example>
public sealed partial class CallVariables
{
    /// <summary>The most characters a variable holds (Voicemail Pro 4.2 and later).</summary>
    public const int MaxValueLength = 512;

    // Mirrors compiler/CallFlow.Compiler/Symbols/CallVariables.cs: the same names, writable where the compiler
    // lets a flow assign them. The runtime may not reference the compiler, so the list is repeated here.
    internal static readonly FrozenDictionary<string, VariableAccess> NamedVariables = new Dictionary<string, VariableAccess>
    {
        ["ACCOUNT_CODE"] = VariableAccess.Writable, ["CLI"] = VariableAccess.Writable, ["DISPLAY"] = VariableAccess.Writable,
        ["KEY"] = VariableAccess.Writable, ["LOC"] = VariableAccess.Writable, ["RES"] = VariableAccess.Writable,
        ["SAV"] = VariableAccess.Writable, ["VAR"] = VariableAccess.Writable,
        ["ANS_PARTY"] = VariableAccess.ReadOnly, ["ANS_PARTY_NAME"] = VariableAccess.ReadOnly,
        ["CALLED"] = VariableAccess.ReadOnly, ["CALLED_NAME"] = VariableAccess.ReadOnly,
        ["CALLED_TZOFFSET"] = VariableAccess.ReadOnly, ["CALLERS_TZOFFESET"] = VariableAccess.ReadOnly,
        ["CID"] = VariableAccess.ReadOnly, ["CLI_NAME"] = VariableAccess.ReadOnly, ["DDI"] = VariableAccess.ReadOnly,
        ["ETA"] = VariableAccess.ReadOnly, ["NAM"] = VariableAccess.ReadOnly, ["POS"] = VariableAccess.ReadOnly,
        ["QTIM"] = VariableAccess.ReadOnly, ["QPOS"] = VariableAccess.ReadOnly, ["UUI"] = VariableAccess.ReadOnly,
        ["TARGET"] = VariableAccess.ReadOnly, ["ICLID"] = VariableAccess.ReadOnly, ["VMAIL"] = VariableAccess.ReadOnly,
        ["MB"] = VariableAccess.ReadOnly, ["MB_HAS_CODE"] = VariableAccess.ReadOnly, ["MB_HELP"] = VariableAccess.ReadOnly, ["MB_OPERATOR"] = VariableAccess.ReadOnly, ["MB_MODE"] = VariableAccess.ReadOnly, ["MB_NEW"] = VariableAccess.ReadOnly,
        ["MB_OLD"] = VariableAccess.ReadOnly, ["MB_SAVED"] = VariableAccess.ReadOnly, ["MB_UNOPENED"] = VariableAccess.ReadOnly,
        ["MB_DELETED"] = VariableAccess.ReadOnly, ["MSG"] = VariableAccess.ReadOnly, ["MSG_FROM"] = VariableAccess.ReadOnly,
        ["MSG_DATE"] = VariableAccess.ReadOnly, ["MSG_TIME"] = VariableAccess.ReadOnly, ["MSG_LENGTH"] = VariableAccess.ReadOnly,
        ["MSG_NUMBER"] = VariableAccess.ReadOnly, ["MSG_COUNT"] = VariableAccess.ReadOnly,
        ["DAY"] = VariableAccess.Clock, ["MONTH"] = VariableAccess.Clock, ["YEAR"] = VariableAccess.Clock,
        ["HOUR"] = VariableAccess.Clock, ["MIN"] = VariableAccess.Clock, ["SEC"] = VariableAccess.Clock,
        ["DATE"] = VariableAccess.Clock, ["TIME"] = VariableAccess.Clock,
        ["CALL_DATE"] = VariableAccess.Clock, ["CALL_TIME"] = VariableAccess.Clock,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly string[] _registers = Enumerable.Repeat("", 16).ToArray();
    private readonly long[] _counters = new long[16]; // index 0 unused: counters are numbered from 1
    private readonly string[] _databaseFields = Enumerable.Repeat("", 6).ToArray();

    /// <summary>Variables for a call that reached voicemail at <paramref name="callStart"/>.</summary>
    /// <param name="users">The shared user variables, read as $REG[name].</param>
    /// <param name="zone">The voicemail server's time zone, for $DAY, $HOUR, $DATE, $TIME and the others.</param>
    /// <param name="callStart">When the call started; also the first value of <see cref="Now"/>.</param>
    public CallVariables(UserVariables users, TimeZoneInfo zone, DateTimeOffset callStart)
    {
        Users = users;
        Zone = zone;
        CallStart = callStart;
        Now = callStart;
    }

    /// <summary>The user variables shared by every call.</summary>
    public UserVariables Users { get; }

    /// <summary>The zone the date and time variables are given in.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>When the call started: $CALL_DATE and $CALL_TIME.</summary>
    public DateTimeOffset CallStart { get; }

    /// <summary>The call's current time, which the VM sets from the host's clock on every resume: $DATE, $HOUR, ...</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>The value of <paramref name="name"/> ("$KEY", "CP3", "$COUNTER[2]", "$REG[Night]"); "" when unset or unknown.</summary>
    public string Get(string name) => Get(Parse(name));

    private string Get(in VariableReference reference) =>
        reference.Family switch
        {
            VariableFamily.Named when NamedVariables[reference.Name] == VariableAccess.Clock => ClockValue(reference.Name),
            VariableFamily.Named => _named.TryGetValue(reference.Name, out var value) ? value : "",
            VariableFamily.Register => _registers[reference.Index],
            VariableFamily.Counter => _counters[reference.Index].ToString(CultureInfo.InvariantCulture),
            VariableFamily.DatabaseField => _databaseFields[reference.Index],
            VariableFamily.User => Users.Get(reference.Name),
            _ => "",
        };

    /// <summary>
    /// The value of a counter named <paramref name="name"/> ("$COUNTER2") as a number, without making text of it;
    /// false when the name is not a counter. <c>Get(name)</c> is that number in invariant digits.
    /// </summary>
    internal bool TryGetCounter(string name, out long value)
    {
        var reference = Parse(name);
        value = reference.Family == VariableFamily.Counter ? _counters[reference.Index] : 0;
        return reference.Family == VariableFamily.Counter;
    }

    /// <summary>
    /// Writes a variable as a flow may (a CPx:, EVAL: or STRING: target): registers, counters and the writable
    /// named variables ($ACCOUNT_CODE, $CLI, $DISPLAY, $KEY, $LOC, $RES, $SAV, $VAR). Anything else is refused
    /// with <see cref="SetVariableResult.ReadOnly"/> or <see cref="SetVariableResult.UnknownVariable"/>.
    /// A counter takes the value as a number, truncated toward zero; text that is not a number sets it to 0.
    /// </summary>
    public SetVariableResult Set(string name, string value) => Write(Parse(name), value, system: false);

    /// <summary>
    /// Writes a variable as the host or the VM does: also the read-only named variables ($CLI_NAME, $DDI, $POS,
    /// ...), the database fields, and user variables. Only the date and time variables, which are computed, and
    /// unknown names are refused.
    /// </summary>
    public SetVariableResult SetSystem(string name, string value) => Write(Parse(name), value, system: true);

    /// <summary>Counter <paramref name="number"/> (1 to 15).</summary>
    public long GetCounter(int number) => _counters[CheckCounter(number)];

    /// <summary>Sets counter <paramref name="number"/> (1 to 15).</summary>
    public void SetCounter(int number, long value) => _counters[CheckCounter(number)] = value;

    /// <summary>
    /// Replaces every variable named in <paramref name="text"/> by its value, read once and not expanded again
    /// (so a caller cannot inject names through $KEY). A '$' that starts no name stays as it is. The result is not
    /// capped; the cap applies when it is stored.
    /// </summary>
    /// <example><c>Expand("greetings/Greeting$KEY.wav")</c> with $KEY = "2" gives "greetings/Greeting2.wav".</example>
    public string Expand(string text)
    {
        var dollar = text.IndexOf('$');
        if (dollar < 0)
            return text;
        // A text that is one name and nothing else ("$CP1"): the value as it is, with nothing to copy around it.
        if (dollar == 0 && VariableScanner.NameEnd(text, 0) == text.Length)
            return Get(Parse(text));
        var builder = t_expandBuilder ?? new StringBuilder(text.Length + 16);
        t_expandBuilder = null; // taken while in use, so a nested call could never share it
        var copied = 0;
        for (; dollar >= 0; dollar = text.IndexOf('$', dollar + 1))
        {
            var end = VariableScanner.NameEnd(text, dollar);
            if (end < 0)
                continue;
            builder.Append(text, copied, dollar - copied).Append(Get(Parse(text, dollar, end)));
            copied = end;
            dollar = end - 1;
        }
        var expanded = builder.Append(text, copied, text.Length - copied).ToString();
        if (builder.Capacity <= MaxCachedBuilderCapacity)
        {
            builder.Clear();
            t_expandBuilder = builder;
        }
        return expanded;
    }

    /// <summary>
    /// Every variable this call has stored (named variables, non-empty registers and database fields, non-zero
    /// counters), by canonical name ("$CP3", "$COUNTER1"), for saving a call's state; <see cref="SetSystem"/>
    /// restores each entry.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Snapshot()
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in _named)
            builder["$" + name] = value;
        for (var i = 0; i < _registers.Length; i++)
        {
            if (_registers[i].Length > 0)
                builder["$CP" + i.ToString(CultureInfo.InvariantCulture)] = _registers[i];
        }
        for (var i = 1; i < _counters.Length; i++)
        {
            if (_counters[i] != 0)
                builder["$COUNTER" + i.ToString(CultureInfo.InvariantCulture)] = _counters[i].ToString(CultureInfo.InvariantCulture);
        }
        for (var i = 0; i < _databaseFields.Length; i++)
        {
            if (_databaseFields[i].Length > 0)
                builder["$DBD" + i.ToString(CultureInfo.InvariantCulture)] = _databaseFields[i];
        }
        return builder.ToImmutable();
    }

    /// <summary>The value cut to <see cref="MaxValueLength"/> characters; the same instance when it already fits.</summary>
    internal static string Cap(string value)
    {
        if (value.Length <= MaxValueLength)
            return value;
        // Never leave half of a surrogate pair at the end: the stored text stays valid UTF-16.
        var length = char.IsHighSurrogate(value[MaxValueLength - 1]) ? MaxValueLength - 1 : MaxValueLength;
        return value[..length];
    }

    /// <summary>
    /// <paramref name="name"/> taken apart. Flows name the same few variables over and over, so each name is parsed
    /// once and kept (the parse depends on the name alone); reading a variable then allocates nothing.
    /// </summary>
    internal static VariableReference Parse(string name)
    {
        if (ParsedNames.TryGetValue(name, out var reference))
            return reference;
        reference = VariableReference.Parse(name, NamedVariables.ContainsKey);
        Remember(name, reference);
        return reference;
    }

    /// <summary>The name <c>text[start..end]</c> taken apart, without cutting it out of the text when it is known.</summary>
    private static VariableReference Parse(string text, int start, int end)
    {
        if (ParsedNamesBySpan.TryGetValue(text.AsSpan(start, end - start), out var reference))
            return reference;
        var name = text[start..end];
        reference = VariableReference.Parse(name, NamedVariables.ContainsKey);
        Remember(name, reference);
        return reference;
    }

    private static void Remember(string name, VariableReference reference)
    {
        // Only names a flow could write, and a bounded number of them: names that callers make up cannot fill memory.
        if (name.Length > MaxCachedNameLength)
            return;
        if (Interlocked.Increment(ref s_parsedNameCount) > MaxCachedNames)
        {
            ParsedNames.Clear();
            Interlocked.Exchange(ref s_parsedNameCount, 1);
        }
        ParsedNames.TryAdd(name, reference);
    }

    private const int MaxCachedNames = 4096;
    private const int MaxCachedNameLength = 64;
    private const int MaxCachedBuilderCapacity = 4 * MaxValueLength;
    private static readonly ConcurrentDictionary<string, VariableReference> ParsedNames = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, VariableReference>.AlternateLookup<ReadOnlySpan<char>> ParsedNamesBySpan =
        ParsedNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int s_parsedNameCount;
    [ThreadStatic]
    private static StringBuilder? t_expandBuilder;

    private SetVariableResult Write(VariableReference reference, string value, bool system)
    {
        switch (reference.Family)
        {
            case VariableFamily.Unknown:
                return SetVariableResult.UnknownVariable;
            case VariableFamily.Counter:
                // Counters are numbers (reference §6.1), so "COUNTER2:$KEY" with $KEY = "12" sets 12 and with "abc" sets 0.
                _counters[reference.Index] = InvariantNumber.ToInteger(value);
                return SetVariableResult.Stored;
            case VariableFamily.User:
                return system ? Users.Set(reference.Name, value) : SetVariableResult.ReadOnly;
            case VariableFamily.DatabaseField when !system:
                return SetVariableResult.ReadOnly;
            case VariableFamily.Named when NamedVariables[reference.Name] == VariableAccess.Clock:
                return SetVariableResult.ReadOnly;
            case VariableFamily.Named when !system && NamedVariables[reference.Name] == VariableAccess.ReadOnly:
                return SetVariableResult.ReadOnly;
        }

        var stored = Cap(value);
        switch (reference.Family)
        {
            case VariableFamily.Register:
                _registers[reference.Index] = stored;
                break;
            case VariableFamily.DatabaseField:
                _databaseFields[reference.Index] = stored;
                break;
            default:
                _named[reference.Name] = stored;
                break;
        }
        return ReferenceEquals(stored, value) ? SetVariableResult.Stored : SetVariableResult.Truncated;
    }

    private static int CheckCounter(int number) =>
        number is >= 1 and <= 15 ? number : throw new ArgumentOutOfRangeException(nameof(number), number, "counters are numbered 1 to 15");
}
