using MimeKit;

namespace CallFlow.Email.Tests.Support;

/// <summary>What the tests read out of a received message.</summary>
internal static class Mime
{
    public static MimePart? Wav(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().FirstOrDefault(p => p.ContentType.MimeType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase));

    public static byte[] Decode(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>The plain-text body with \n line endings (a Maildir stores lines with LF).</summary>
    public static string Text(MimeMessage message) => (message.TextBody ?? "").ReplaceLineEndings("\n").TrimEnd('\n');
}
