namespace CallFlow.Configuration.Binding;

/// <summary>
/// A plain check of an SMTP address: <c>local@domain</c>, the local part dot-atoms of RFC 5322 (no quoted forms,
/// no comments), the domain host-name labels (RFC 1123). Enough to catch typos; whether it exists is for the mail server.
/// </summary>
internal static class EmailAddresses
{
    private const string AtomSpecials = "!#$%&'*+/=?^_`{|}~-";

    public static bool IsValid(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Length > 254)
            return false;
        var local = address[..at];
        var domain = address[(at + 1)..];
        return local.Length <= 64 && DotSeparated(local, IsAtomChar) && IsValidDomain(domain);
    }

    /// <summary>A host name of RFC 1123 labels (<c>mail.example.com</c>), at most 253 characters.</summary>
    public static bool IsValidDomain(string domain) =>
        domain.Length is > 0 and <= 253 && DotSeparated(domain, c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && domain.Split('.').All(label => label.Length <= 63 && label[0] != '-' && label[^1] != '-');

    private static bool IsAtomChar(char c) => char.IsAsciiLetterOrDigit(c) || AtomSpecials.Contains(c);

    private static bool DotSeparated(string text, Func<char, bool> allowed) =>
        text.Split('.').All(part => part.Length > 0 && part.All(allowed));
}
