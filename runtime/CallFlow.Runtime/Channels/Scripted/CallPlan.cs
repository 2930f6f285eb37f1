using System.Collections.Immutable;
using System.Globalization;

using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>
/// A scripted call: who calls, where, when, and what the caller and the network do, in order. Text form:
/// <code>
/// # comment (a line starting with '#', or " # " and the rest of a line)
/// call from 01707364143 to "Short Codes.*80"      (or: to *80, to ?201, to #Sales, to mailbox "Sales" queued)
/// at 2026-11-23 10:00 Europe/London
/// language en
/// press 1
/// silence                 (no key when keys are collected: the entry times out)
/// listen                  (prompts that repeat play out once more without a key)
/// talk 20s                (the caller speaks: audio for a recording)
/// answer Busy
/// hangup
/// </code>
/// </summary>
public sealed partial record CallPlan(string Caller, string StartPoint, DateTimeOffset Start, TimeZoneInfo Zone, string Language, ImmutableArray<PlanEvent> Events)
{
    /// <summary>Monday 5 January 2026, 09:00 UTC: a working day morning, so office-hours flows take their day path.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, CallType> CallTypes = new(StringComparer.Ordinal)
    {
        ["leave"] = CallType.Leave, ["collect"] = CallType.Collect, ["callback"] = CallType.Callback,
        ["queued"] = CallType.Queued, ["still_queued"] = CallType.StillQueued,
    };

    /// <summary>The called mailbox when the plan names one ("to mailbox Sales queued"): the start point is then chosen
    /// by <see cref="StartPointSelector"/>, as for a call from the PBX. Null when the plan names a start point.</summary>
    public string? Mailbox { get; init; }

    /// <summary>The plan gave no <c>at</c> line: in a file of several calls this one starts after the one before.</summary>
    public bool FollowsPrevious { get; init; }

    /// <summary>Why the call reached voicemail, with <see cref="Mailbox"/>.</summary>
    public CallType CallType { get; init; }

    /// <summary>Parses a plan; errors name the line. Returns the plan or the list of errors.</summary>
    public static (CallPlan? Plan, ImmutableArray<string> Errors) Parse(string text, string path)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        string? caller = null, start = null, language = null, mailbox = null;
        var callType = CallType.Leave;
        var when = DefaultStart;
        var timed = false;
        var zone = TimeZoneInfo.Utc;
        var events = ImmutableArray.CreateBuilder<PlanEvent>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            // '#' is also a key ("press 201#"), so a comment is a line that starts with '#', or ' # ' and what follows.
            var comment = line.TrimStart().StartsWith('#') ? 0 : line.IndexOf(" # ", StringComparison.Ordinal);
            if (comment >= 0)
                line = line[..comment];
            line = line.Trim();
            if (line.Length == 0)
                continue;
            var number = i + 1;
            var space = line.IndexOf(' ');
            var verb = space < 0 ? line : line[..space];
            var rest = space < 0 ? "" : line[(space + 1)..].Trim();
            switch (verb)
            {
                case "call":
                    // call from <number> to <start point>; the start point may be quoted because addresses hold spaces.
                    // call from <number> to mailbox <name> <leave|collect|callback|queued|still_queued>: chosen as the PBX would.
                    if (!rest.StartsWith("from ", StringComparison.Ordinal) || rest.IndexOf(" to ", StringComparison.Ordinal) is var to && to < 0)
                    {
                        errors.Add($"{path}({number}): write 'call from <number> to <start point>' or 'call from <number> to mailbox <name> <call type>'");
                        break;
                    }
                    caller = rest[5..to].Trim();
                    start = rest[(to + 4)..].Trim();
                    if (start.StartsWith("mailbox ", StringComparison.Ordinal))
                    {
                        var target = start[8..].Trim();
                        var space2 = target.LastIndexOf(' ');
                        if (space2 < 0 || !CallTypes.TryGetValue(target[(space2 + 1)..], out var type))
                        {
                            errors.Add($"{path}({number}): write 'call from <number> to mailbox <name> <call type>' with a call type of {string.Join(", ", CallTypes.Keys)}");
                            break;
                        }
                        mailbox = target[..space2].Trim().Trim('"');
                        callType = type;
                    }
                    start = start.Trim('"');
                    break;
                case "at":
                {
                    var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length is < 2 or > 3 || !DateTime.TryParseExact($"{parts[0]} {parts[1]}", "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    {
                        errors.Add($"{path}({number}): write 'at yyyy-mm-dd hh:mm [time zone]'");
                        break;
                    }
                    if (parts.Length == 3 && !TryFindZone(parts[2], out zone))
                    {
                        errors.Add($"{path}({number}): unknown time zone '{parts[2]}'; use an IANA name such as Europe/London");
                        zone = TimeZoneInfo.Utc;
                    }
                    when = new DateTimeOffset(local, zone.GetUtcOffset(local));
                    timed = true;
                    break;
                }
                case "language":
                    language = rest;
                    break;
                case "press" when rest.Length > 0 && rest.All(c => char.IsAsciiDigit(c) || c is '*' or '#'):
                    events.Add(new PlanEvent(PlanEventKind.Press, rest, number));
                    break;
                case "silence" or "listen" or "fax" or "hangup" when rest.Length == 0:
                    events.Add(new PlanEvent(verb switch
                    {
                        "silence" => PlanEventKind.Silence, "listen" => PlanEventKind.Listen, "fax" => PlanEventKind.Fax, _ => PlanEventKind.HangUp,
                    }, "", number));
                    break;
                case "talk":
                    // talk 20s / talk 1m30s / talk 2.5s: the caller speaks this long (a recording's audio).
                    if (ParseLength(rest) is not { } length)
                    {
                        errors.Add($"{path}({number}): write 'talk <length>' such as 'talk 20s' or 'talk 1m30s'");
                        break;
                    }
                    events.Add(new PlanEvent(PlanEventKind.Talk, length.ToString("c", CultureInfo.InvariantCulture), number));
                    break;
                case "answer" when rest.Length > 0:
                {
                    // answer <Result> [$NAME="value" ...]
                    var resultEnd = rest.IndexOf(' ');
                    var result = resultEnd < 0 ? rest : rest[..resultEnd];
                    var assignments = resultEnd < 0 ? "" : rest[resultEnd..];
                    var variables = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                    foreach (System.Text.RegularExpressions.Match match in Assignment().Matches(assignments))
                        variables[match.Groups[1].Value] = match.Groups[2].Value;
                    if (!string.IsNullOrWhiteSpace(Assignment().Replace(assignments, "")))
                    {
                        errors.Add($"{path}({number}): write 'answer <result>' and then variables as $NAME=\"value\"");
                        break;
                    }
                    events.Add(new PlanEvent(PlanEventKind.Answer, result, number) { Variables = variables.ToImmutable() });
                    break;
                }
                default:
                    errors.Add($"{path}({number}): unknown plan line '{line}'; use call, at, language, press <keys>, silence, listen, talk <length>, fax, answer <result> or hangup");
                    break;
            }
        }
        if (start is null)
            errors.Add($"{path}: the plan has no 'call from <number> to <start point>' line");
        if (errors.Count > 0)
            return (null, errors.ToImmutable());
        return (new CallPlan(caller ?? "", start!, when, zone, language ?? "en", events.ToImmutable())
        {
            Mailbox = mailbox, CallType = callType, FollowsPrevious = !timed,
        }, []);
    }

    /// <summary>
    /// Parses a plan file that may hold several calls, each starting at its <c>call</c> line; they run one after
    /// another on one time line (a message left in one can be collected in the next). A call without an <c>at</c>
    /// line starts a minute after the one before ends, in its zone. Errors name the line.
    /// </summary>
    public static (ImmutableArray<CallPlan> Plans, ImmutableArray<string> Errors) ParseAll(string text, string path)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var starts = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("call ", StringComparison.Ordinal))
                starts.Add(i);
        }
        if (starts.Count <= 1)
        {
            var (plan, errors) = Parse(text, path);
            return (plan is null ? [] : [plan], errors);
        }
        var plans = ImmutableArray.CreateBuilder<CallPlan>();
        var allErrors = ImmutableArray.CreateBuilder<string>();
        for (var call = 0; call < starts.Count; call++)
        {
            // Lines outside this call are blanked, not removed, so error messages keep the file's line numbers;
            // comments before the first call belong to it.
            var from = call == 0 ? 0 : starts[call];
            var to = call + 1 < starts.Count ? starts[call + 1] : lines.Length;
            var section = string.Join('\n', lines.Select((line, i) => i >= from && i < to ? line : ""));
            var (plan, errors) = Parse(section, path);
            allErrors.AddRange(errors);
            if (plan is not null)
                plans.Add(plan);
        }
        return allErrors.Count > 0 ? ([], allErrors.ToImmutable()) : (plans.ToImmutable(), []);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(\$[A-Za-z_][A-Za-z0-9_]*(?:\[[A-Za-z0-9_ ]+\])?)=""([^""]*)""")]
    private static partial System.Text.RegularExpressions.Regex Assignment();

    private static TimeSpan? ParseLength(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(?:(\d+)m)?(?:(\d+(?:\.\d)?)s)?$");
        if (text.Length == 0 || !match.Success)
            return null;
        var minutes = match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = match.Groups[2].Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        var length = TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
        return length > TimeSpan.Zero && length <= TimeSpan.FromHours(2) ? length : null;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
