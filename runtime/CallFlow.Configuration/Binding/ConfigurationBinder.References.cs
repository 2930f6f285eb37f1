namespace CallFlow.Configuration.Binding;

internal sealed partial class ConfigurationBinder
{
    /// <summary>
    /// Rules across entries: users and groups share one set of names and one set of extensions; members are users;
    /// H source numbers name groups. Reported at the later (or referring) entry, naming the line of the other.
    /// </summary>
    private void CheckReferences(List<MailboxDraft<UserConfiguration>> users, List<MailboxDraft<GroupConfiguration>> groups)
    {
        var all = users.Select(u => (u.Name, u.NameOffset, u.Path, u.Extension, Kind: "user"))
            .Concat(groups.Select(g => (g.Name, g.NameOffset, g.Path, g.Extension, Kind: "group")))
            .ToList();

        var names = new Dictionary<string, (int Offset, string Kind)>(StringComparer.Ordinal);
        var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var extensions = new Dictionary<string, (string Name, int Offset)>(StringComparer.Ordinal);
        foreach (var entry in all)
        {
            if (names.TryGetValue(entry.Name, out var first))
            {
                _sink.Error(entry.NameOffset, entry.Path + ".name", ConfigurationCodes.DuplicateName,
                    $"'{entry.Name}' is already the name of the {first.Kind} on {_sink.LineOf(first.Offset)}; users and groups share one set of mailbox names");
                continue;
            }
            names.Add(entry.Name, (entry.NameOffset, entry.Kind));
            if (folded.TryGetValue(entry.Name, out var other))
                _sink.Warning(entry.NameOffset, entry.Path + ".name", ConfigurationCodes.NamesDifferInCase,
                    $"'{entry.Name}' and '{other}' ({_sink.LineOf(names[other].Offset)}) differ only in case; they are two different mailboxes");
            else
                folded.Add(entry.Name, entry.Name);

            if (entry.Extension is { } extension)
            {
                if (extensions.TryGetValue(extension.Name, out var owner))
                    _sink.Error(extension.Offset, extension.Path, ConfigurationCodes.DuplicateExtension,
                        $"extension {extension.Name} is already used by '{owner.Name}' ({_sink.LineOf(owner.Offset)})");
                else
                    extensions.Add(extension.Name, (entry.Name, extension.Offset));
            }
        }

        var userNames = users.Select(u => u.Name).ToList();
        var groupNames = groups.Select(g => g.Name).ToList();
        foreach (var group in groups)
        {
            foreach (var member in group.References)
                CheckReference(member, userNames, "user", names, "only users can be members of a group");
        }
        foreach (var user in users)
        {
            foreach (var lamp in user.References)
                CheckReference(lamp, groupNames, "group", names, "H source numbers name hunt groups");
        }
    }

    private void CheckReference(NameReference reference, List<string> candidates, string kind, Dictionary<string, (int Offset, string Kind)> names, string rule)
    {
        if (candidates.Contains(reference.Name, StringComparer.Ordinal))
            return;
        if (names.TryGetValue(reference.Name, out var found))
        {
            _sink.Error(reference.Offset, reference.Path, ConfigurationCodes.InvalidValue, $"'{reference.Name}' is a {found.Kind} ({_sink.LineOf(found.Offset)}); {rule}");
            return;
        }
        var suggestion = Suggestions.DidYouMean(reference.Name, candidates);
        _sink.Error(reference.Offset, reference.Path, ConfigurationCodes.UndefinedReference, $"there is no {kind} '{reference.Name}'{suggestion}",
            suggestion.Length == 0 ? $"add it to \"{kind}s\" first" : null);
    }
}
