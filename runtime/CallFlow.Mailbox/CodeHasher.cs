using System.Security.Cryptography;
using System.Text;

namespace CallFlow.Mailbox;

/// <summary>
/// Voicemail codes are stored as PBKDF2-HMAC-SHA256 with a random 16-byte salt per mailbox and the iteration count
/// beside the hash. Codes are short digit strings, so the hash mainly keeps them out of a copied database file;
/// the lockout is what stops guessing by phone.
/// </summary>
internal static class CodeHasher
{
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    public static byte[] Hash(string code, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    /// <summary>Compares in constant time, so response timing says nothing about how much of a code was right.</summary>
    public static bool Matches(string code, byte[] salt, int iterations, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Hash(code, salt, iterations), expected);
}
