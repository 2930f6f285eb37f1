namespace CallFlow.Mailbox;

/// <summary>Message ids double as file names, so they are checked before any path is built from them.</summary>
internal static class MessageIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
            or (>= '0' and <= '9') or '_' or '-');

    public static string Require(string? id, string source) => IsValid(id)
        ? id!
        : throw new InvalidOperationException($"{source} gave message id '{id}', which is not [A-Za-z0-9_-]{{1,{MaxLength}}}");
}
