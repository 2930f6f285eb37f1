using System.Security.Cryptography;
using System.Text;

namespace CallFlow.Mailbox;

/// <summary>
/// Turns any mailbox name into one directory name that cannot leave its parent: every UTF-8 byte outside
/// <c>[A-Za-z0-9_-]</c> is percent-encoded (so no '.', '/', '\', ':', NUL or space survives), the readable part is
/// cut at <see cref="MaxPrefix"/> characters, and <c>~</c> plus 16 hex digits of the name's SHA-256 follow. The hash
/// keeps names apart that a case-insensitive file system or the cut would merge ("Sales" and "sales"), and no Windows
/// device name (CON, NUL, COM1 …, alone or with an extension) can have that form.
/// </summary>
internal static class SafeFileName
{
    public const int MaxPrefix = 40;

    /// <example><c>ForMailbox("../../etc")</c> is <c>"%2E%2E%2F%2E%2E%2Fetc~…"</c>.</example>
    public static string ForMailbox(string normalizedName, int hashHexDigits = 16)
    {
        var bytes = Encoding.UTF8.GetBytes(normalizedName);
        var text = new StringBuilder(MaxPrefix + 1 + hashHexDigits);
        foreach (var b in bytes)
        {
            var piece = IsPlain(b) ? ((char)b).ToString() : $"%{b:X2}";
            if (text.Length + piece.Length > MaxPrefix)
                break;
            text.Append(piece);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return text.Append('~').Append(hash, 0, hashHexDigits).ToString();
    }

    /// <summary>Whether a name produced here, or a message id, is a single plain path segment.</summary>
    public static bool IsSafeSegment(string segment) =>
        segment.Length is > 0 and <= 128 && segment.All(c => c < 128 && (IsPlain((byte)c) || c is '%' or '~'));

    private static bool IsPlain(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'_' or (byte)'-';
}
