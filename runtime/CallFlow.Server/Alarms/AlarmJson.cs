using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CallFlow.Server.Alarms;

/// <summary>
/// The alarm book's file, <c>alarms.json</c>: <c>{"version": 1, "next_id": n, "alarms": [...]}</c>, one object per
/// alarm with its settings and its current occurrence (instants in UTC, ISO 8601). Read strictly: a field of the wrong
/// kind or out of range makes the whole file invalid (<see cref="InvalidDataException"/> saying which alarm and field),
/// so a bad hand edit is noticed rather than half applied. Unknown fields are ignored.
/// </summary>
internal static class AlarmJson
{
    public const int Version = 1;

    public static (ImmutableArray<Alarm> Alarms, int NextId) Read(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("the file must hold one JSON object");
            if (root.TryGetProperty("version", out var version) && (!version.TryGetInt32(out var v) || v != Version))
                throw new InvalidDataException($"'version' is {version.GetRawText()}; this server reads version {Version}");
            var alarms = ImmutableArray.CreateBuilder<Alarm>();
            if (root.TryGetProperty("alarms", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                    throw new InvalidDataException("'alarms' must be an array");
                var index = 0;
                foreach (var item in list.EnumerateArray())
                    alarms.Add(ReadAlarm(item, index++));
            }
            var ids = alarms.Select(a => a.Id).ToList();
            if (ids.Distinct().Count() != ids.Count)
                throw new InvalidDataException("two alarms have the same id");
            var nextId = ids.Count == 0 ? 1 : ids.Max() + 1;
            if (root.TryGetProperty("next_id", out var next))
            {
                if (!next.TryGetInt32(out var stored) || stored < 1)
                    throw new InvalidDataException("'next_id' must be a whole number from 1");
                nextId = Math.Max(nextId, stored);
            }
            return (alarms.ToImmutable(), nextId);
        }
    }

    private static Alarm ReadAlarm(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"alarm #{index + 1} must be an object");
        var id = item.TryGetProperty("id", out var idValue) && idValue.TryGetInt32(out var n) && n >= 1
            ? n
            : throw new InvalidDataException($"alarm #{index + 1}: 'id' must be a whole number from 1");
        string Where(string field) => $"alarm {id.ToString(CultureInfo.InvariantCulture)}: '{field}'";

        string? Text(string field, bool required)
        {
            if (!item.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                return required ? throw new InvalidDataException($"{Where(field)} is missing") : null;
            return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidDataException($"{Where(field)} must be text");
        }

        int Whole(string field, int min, int max, int fallback)
        {
            if (!item.TryGetProperty(field, out var value))
                return fallback;
            return value.TryGetInt32(out var number) && number >= min && number <= max
                ? number
                : throw new InvalidDataException($"{Where(field)} must be a whole number from {min} to {max}");
        }

        DateTimeOffset Instant(string field) =>
            DateTimeOffset.TryParse(Text(field, required: true), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUniversalTime()
                : throw new InvalidDataException($"{Where(field)} must be a date and time (ISO 8601)");

        var target = Text("target", required: true)!;
        if (target.Length == 0)
            throw new InvalidDataException($"{Where("target")} is empty");
        var cancel = Text("cancel_code", required: false);
        return new Alarm
        {
            Id = id,
            Target = target,
            Time = AlarmFields.ParseTime(Text("time", required: true)) ?? throw new InvalidDataException($"{Where("time")} must be hh:mm (24 hours)"),
            Frequency = AlarmFields.ParseFrequency(Text("frequency", required: false)) ?? throw new InvalidDataException($"{Where("frequency")} must be single, daily or weekly"),
            Day = Text("day", required: false) is { } day
                ? AlarmFields.ParseDay(day) ?? throw new InvalidDataException($"{Where("day")} must be a weekday (Mon ... Sun)")
                : DayOfWeek.Monday,
            Display = Text("display", required: false) ?? AlarmDefaults.Display,
            RingTime = TimeSpan.FromSeconds(Whole("ring_seconds", 1, 3600, (int)AlarmDefaults.RingTime.TotalSeconds)),
            Retries = Whole("retries", 0, AlarmDefaults.MaxRetries, 0),
            Interval = TimeSpan.FromSeconds(Whole("interval_seconds", 1, 86_400, (int)AlarmDefaults.Interval.TotalSeconds)),
            CancelCode = cancel is null ? null : AlarmFields.ParseCancelCode(cancel) ?? throw new InvalidDataException($"{Where("cancel_code")} must be 1 to 4 of 0-9 * #"),
            File = Text("file", required: false),
            Language = Text("language", required: false),
            Occurrence = Instant("occurrence"),
            NextRing = Instant("next_ring"),
            Attempt = Whole("attempt", 0, AlarmDefaults.MaxRetries, 0),
            BookedBy = Text("booked_by", required: false) ?? "",
        };
    }

    public static byte[] Write(IEnumerable<Alarm> alarms, int nextId)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteNumber("next_id", nextId);
            json.WriteStartArray("alarms");
            foreach (var alarm in alarms.OrderBy(a => a.Id))
            {
                json.WriteStartObject();
                json.WriteNumber("id", alarm.Id);
                json.WriteString("target", alarm.Target);
                json.WriteString("time", AlarmFields.FormatTime(alarm.Time));
                json.WriteString("frequency", AlarmFields.FormatFrequency(alarm.Frequency));
                json.WriteString("day", AlarmFields.FormatDay(alarm.Day));
                json.WriteString("display", alarm.Display);
                json.WriteNumber("ring_seconds", (int)alarm.RingTime.TotalSeconds);
                json.WriteNumber("retries", alarm.Retries);
                json.WriteNumber("interval_seconds", (int)alarm.Interval.TotalSeconds);
                json.WriteString("cancel_code", alarm.CancelCode);
                json.WriteString("file", alarm.File);
                json.WriteString("language", alarm.Language);
                json.WriteString("occurrence", alarm.Occurrence.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteString("next_ring", alarm.NextRing.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteNumber("attempt", alarm.Attempt);
                json.WriteString("booked_by", alarm.BookedBy);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
