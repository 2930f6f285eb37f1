using System.Collections.Immutable;

namespace CallFlow.Configuration.Binding;

/// <summary>A bound user or group with the positions the cross-entry checks need.</summary>
/// <param name="Value">The <see cref="UserConfiguration"/> or <see cref="GroupConfiguration"/>.</param>
/// <param name="Name">The normalised name.</param>
/// <param name="NameOffset">Where the name's value starts.</param>
/// <param name="Path">The entry's path, e.g. <c>users[2]</c>.</param>
/// <param name="Extension">Its extension, with where it is written.</param>
/// <param name="References">Names it refers to: a group's members, a user's H source numbers.</param>
/// <param name="EmailModeOffset">Where the value of <c>email_mode</c> starts, or -1 when it is not written.</param>
internal sealed record MailboxDraft<T>(T Value, string Name, int NameOffset, string Path, NameReference? Extension, ImmutableArray<NameReference> References,
    int EmailModeOffset = -1);
