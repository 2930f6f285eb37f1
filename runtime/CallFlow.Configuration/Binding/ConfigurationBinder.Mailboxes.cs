using System.Collections.Immutable;
using System.Text.Json;
using CallFlow.Configuration.Json;

namespace CallFlow.Configuration.Binding;

internal sealed partial class ConfigurationBinder
{
    private static readonly (string, EmailMode)[] EmailModes =
        [("off", EmailMode.Off), ("copy", EmailMode.Copy), ("forward", EmailMode.Forward), ("alert", EmailMode.Alert)];

    private List<MailboxDraft<UserConfiguration>> BindUsers(ObjectScope root)
    {
        var users = new List<MailboxDraft<UserConfiguration>>();
        var items = ReadList(root, "users");
        for (var i = 0; i < items.Length; i++)
        {
            var path = Index("users", i);
            if (items[i] is not ConfigObject node)
            {
                WrongType(items[i], path, "a user object { \"name\": … }");
                continue;
            }
            var scope = new ObjectScope(node, path, path, ConfigKeys.User, _sink);
            var name = BindName(scope);
            var extension = BindExtension(scope);
            var fullName = ReadString(scope, "full_name");
            var (email, emailMode) = BindEmail(scope);
            var user = new UserConfiguration(
                name?.Name ?? "",
                extension?.Name,
                fullName,
                VoicemailOn: ReadBool(scope, "voicemail_on", true),
                VoicemailHelp: ReadBool(scope, "voicemail_help", false),
                Ringback: ReadBool(scope, "ringback", false),
                email,
                emailMode,
                BindBreakout(scope, allowEmpty: true),
                BindSourceNumbers(scope, out var lamps))
            {
                Language = BindLanguage(scope, allowEmpty: true),
            };
            if (name is not null)
                users.Add(new MailboxDraft<UserConfiguration>(user, name.Name, name.Offset, path, extension, lamps, scope["email_mode"]?.Value.Offset ?? -1));
        }
        return users;
    }

    private List<MailboxDraft<GroupConfiguration>> BindGroups(ObjectScope root)
    {
        var groups = new List<MailboxDraft<GroupConfiguration>>();
        var items = ReadList(root, "groups");
        for (var i = 0; i < items.Length; i++)
        {
            var path = Index("groups", i);
            if (items[i] is not ConfigObject node)
            {
                WrongType(items[i], path, "a group object { \"name\": … }");
                continue;
            }
            var scope = new ObjectScope(node, path, path, ConfigKeys.Group, _sink);
            var name = BindName(scope);
            var extension = BindExtension(scope);
            var members = BindMembers(scope);
            var broadcast = ReadBool(scope, "broadcast", false);
            if (broadcast && members.IsEmpty)
                _sink.Warning(scope["broadcast"]!.Value.Offset, scope.PathOf("broadcast"), ConfigurationCodes.BroadcastWithoutMembers,
                    "the group broadcasts but has no members, so its messages stay in the group mailbox", "list the users in \"members\"");
            var (email, emailMode) = BindEmail(scope);
            var group = new GroupConfiguration(name?.Name ?? "", extension?.Name, [.. members.Select(m => m.Name)], broadcast, email, emailMode);
            if (name is not null)
                groups.Add(new MailboxDraft<GroupConfiguration>(group, name.Name, name.Offset, path, extension, members, scope["email_mode"]?.Value.Offset ?? -1));
        }
        return groups;
    }

    /// <summary>The mailbox name (reference §7.1: case-sensitive, trailing spaces dropped), or null after an error.</summary>
    private NameReference? BindName(ObjectScope scope)
    {
        if (scope["name"] is not { } property)
        {
            _sink.Error(scope.Node.Offset, scope.Path, ConfigurationCodes.MissingKey, "this entry has no \"name\"; every mailbox needs one",
                "add \"name\": the IP Office user or group Name");
            return null;
        }
        var path = scope.PathOf("name");
        if (property.Value is not ConfigScalar { Type: JsonTokenType.String } scalar)
        {
            WrongType(property.Value, path, "the mailbox name as a string");
            return null;
        }
        var name = MailboxNames.Normalize(scalar.Text);
        if (name.Length == 0)
        {
            _sink.Error(scalar.Offset, path, ConfigurationCodes.InvalidValue, "a mailbox name must not be empty");
            return null;
        }
        if (name.Any(char.IsControl))
        {
            _sink.Error(scalar.Offset, path, ConfigurationCodes.InvalidValue, "a mailbox name must not contain control characters (tabs, line breaks, …)");
            return null;
        }
        if (name.Length != scalar.Text.Length)
            _sink.Warning(scalar.Offset, path, ConfigurationCodes.TrailingSpaces,
                $"trailing spaces dropped: the mailbox is '{name}' (mailbox names never end in a space)", $"write \"{name}\"");
        return new NameReference(name, scalar.Offset, path);
    }

    private NameReference? BindExtension(ObjectScope scope) =>
        ReadNumber(scope, "extension", 15, dialString: false, allowEmpty: false) is { } extension
            ? new NameReference(extension, scope["extension"]!.Value.Offset, scope.PathOf("extension"))
            : null;

    /// <summary>The address and mode; a mode other than off needs an address (reference §10.4).</summary>
    private (string? Email, EmailMode Mode) BindEmail(ObjectScope scope)
    {
        var email = ReadString(scope, "email");
        var emailWritten = email is { Length: > 0 };
        if (emailWritten && !EmailAddresses.IsValid(email!))
        {
            _sink.Error(scope["email"]!.Value.Offset, scope.PathOf("email"), ConfigurationCodes.InvalidValue,
                $"'{email}' is not an e-mail address", "write it as name@example.com");
            email = null;
        }
        var mode = ReadChoice(scope, "email_mode", EmailMode.Off, EmailModes, "an e-mail mode");
        if (mode != EmailMode.Off && !emailWritten)
            _sink.Error(scope["email_mode"]!.Value.Offset, scope.PathOf("email_mode"), ConfigurationCodes.EmailModeWithoutAddress,
                $"e-mail mode '{EmailModes.First(m => m.Item2 == mode).Item1}' needs an e-mail address", "add \"email\", or set \"email_mode\" to \"off\"");
        return (email is { Length: > 0 } ? email : null, mode);
    }

    private ImmutableArray<NameReference> BindMembers(ObjectScope scope)
    {
        var members = ImmutableArray.CreateBuilder<NameReference>();
        var items = ReadList(scope, "members");
        for (var i = 0; i < items.Length; i++)
        {
            var path = Index(scope.PathOf("members"), i);
            if (items[i] is not ConfigScalar { Type: JsonTokenType.String } scalar)
            {
                WrongType(items[i], path, "a user name as a string");
                continue;
            }
            var name = MailboxNames.Normalize(scalar.Text);
            if (members.FirstOrDefault(m => m.Name == name) is { } first)
                _sink.Warning(scalar.Offset, path, ConfigurationCodes.Repeated, $"'{name}' is already a member ({_sink.LineOf(first.Offset)}); the repeat is ignored");
            else
                members.Add(new NameReference(name, scalar.Offset, path));
        }
        return members.ToImmutable();
    }

    /// <summary>V, H and P entries (reference §7.8); <paramref name="groupLamps"/> gets the H names to check later.</summary>
    private ImmutableArray<SourceNumber> BindSourceNumbers(ObjectScope scope, out ImmutableArray<NameReference> groupLamps)
    {
        var numbers = ImmutableArray.CreateBuilder<SourceNumber>();
        var lamps = ImmutableArray.CreateBuilder<NameReference>();
        var items = ReadList(scope, "source_numbers");
        for (var i = 0; i < items.Length; i++)
        {
            var path = Index(scope.PathOf("source_numbers"), i);
            if (items[i] is not ConfigScalar { Type: JsonTokenType.String } scalar)
            {
                WrongType(items[i], path, "a source number string such as \"V01707364143\", \"HSales\" or \"P917325559876\"");
                continue;
            }
            if (SourceNumbers.Parse(scalar.Text) is not { } number)
            {
                var (message, hint) = SourceNumbers.Explain(scalar.Text);
                _sink.Error(scalar.Offset, path, ConfigurationCodes.InvalidValue, message, hint);
                continue;
            }
            if (numbers.Contains(number))
            {
                _sink.Warning(scalar.Offset, path, ConfigurationCodes.Repeated, $"'{number}' is listed twice; the repeat is ignored");
                continue;
            }
            numbers.Add(number);
            if (number.Kind == SourceNumberKind.GroupMessageWaiting)
                lamps.Add(new NameReference(number.Value, scalar.Offset, path));
        }
        groupLamps = lamps.ToImmutable();
        return numbers.ToImmutable();
    }
}
