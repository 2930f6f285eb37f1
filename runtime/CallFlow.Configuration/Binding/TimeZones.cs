namespace CallFlow.Configuration.Binding;

/// <summary>
/// Checks <c>time_zone</c>: an IANA id (such as "Europe/London") that this machine's time zone database knows. The
/// id is checked for its shape first, so nothing path-like ever reaches the zone file lookup.
/// </summary>
internal static class TimeZones
{
    public static (string Message, string? Hint)? Check(string id)
    {
        if (id.Length is 0 or > 64 || id.Split('/').Any(part => part.Length == 0) ||
            !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
        {
            return TryWindows(id) is { } iana
                ? ($"'{id}' is a Windows time zone name, not an IANA time zone id", $"write \"{iana}\"")
                : ($"'{id}' is not an IANA time zone id", "write an id such as \"UTC\", \"Europe/London\" or \"America/New_York\"");
        }
        if (id == "UTC")
            return null;
        // The lookup may ignore case; the id must still be written as the database spells it, so that it works on
        // every machine (a case-sensitive file system, another time zone library).
        var known = KnownIds();
        var misspelt = known.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase) && !string.Equals(k, id, StringComparison.Ordinal));
        if (misspelt is not null || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            var suggestion = Suggestions.DidYouMean(id, known);
            return ($"'{id}' is not a time zone this machine knows{suggestion}",
                suggestion.Length == 0 ? "write an IANA id such as \"Europe/London\"; the list is in /usr/share/zoneinfo (package tzdata)" : null);
        }
        return null;
    }

    private static string? TryWindows(string id) =>
        TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? iana : null;

    private static List<string> KnownIds()
    {
        try
        {
            return [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidTimeZoneException)
        {
            return [];
        }
    }
}
