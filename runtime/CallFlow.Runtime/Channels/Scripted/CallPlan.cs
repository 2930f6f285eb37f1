using System.Collections.Immutable;
using System.Globalization;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>
/// A scripted call: who calls, where, when, and what the caller and the network do, in order. Text form:
/// <code>
/// # comment
/// call from 01707364143 to "Short Codes.*80"
/// at 2026-11-23 10:00 Europe/London
/// language en
/// press 1
/// silence
/// answer Busy
/// hangup
/// </code>
/// </summary>
public sealed record CallPlan(string Caller, string StartPoint, DateTimeOffset Start, TimeZoneInfo Zone, string Language, ImmutableArray<PlanEvent> Events)
{
    /// <summary>Monday 5 January 2026, 09:00 UTC: a working day morning, so office-hours flows take their day path.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Parses a plan; errors name the line. Returns the plan or the list of errors.</summary>
    public static (CallPlan? Plan, ImmutableArray<string> Errors) Parse(string text, string path)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        string? caller = null, start = null, language = null;
        var when = DefaultStart;
        var zone = TimeZoneInfo.Utc;
        var events = ImmutableArray.CreateBuilder<PlanEvent>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
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
                    if (!rest.StartsWith("from ", StringComparison.Ordinal) || rest.IndexOf(" to ", StringComparison.Ordinal) is var to && to < 0)
                    {
                        errors.Add($"{path}({number}): write 'call from <number> to <start point>'");
                        break;
                    }
                    caller = rest[5..to].Trim();
                    start = rest[(to + 4)..].Trim().Trim('"');
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
                    break;
                }
                case "language":
                    language = rest;
                    break;
                case "press" when rest.Length > 0 && rest.All(c => char.IsAsciiDigit(c) || c is '*' or '#'):
                    events.Add(new PlanEvent(PlanEventKind.Press, rest, number));
                    break;
                case "silence" or "fax" or "hangup" when rest.Length == 0:
                    events.Add(new PlanEvent(verb switch { "silence" => PlanEventKind.Silence, "fax" => PlanEventKind.Fax, _ => PlanEventKind.HangUp }, "", number));
                    break;
                case "answer" when rest.Length > 0:
                    events.Add(new PlanEvent(PlanEventKind.Answer, rest, number));
                    break;
                default:
                    errors.Add($"{path}({number}): unknown plan line '{line}'; use call, at, language, press <keys>, silence, fax, answer <result> or hangup");
                    break;
            }
        }
        if (start is null)
            errors.Add($"{path}: the plan has no 'call from <number> to <start point>' line");
        if (errors.Count > 0)
            return (null, errors.ToImmutable());
        return (new CallPlan(caller ?? "", start!, when, zone, language ?? "en", events.ToImmutable()), []);
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
