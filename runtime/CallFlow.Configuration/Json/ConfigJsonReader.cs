using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CallFlow.Configuration.Json;

/// <summary>
/// Reads JSON (comments and trailing commas allowed) into <see cref="ConfigNode"/>s that remember where each key
/// and value starts. A syntax error stops the read: Utf8JsonReader cannot resume, and guessing what a broken file
/// meant would only add errors that are not there.
/// </summary>
internal static partial class ConfigJsonReader
{
    /// <summary>Deeper nesting than any real configuration; it also bounds the recursion.</summary>
    public const int MaxDepth = 64;

    /// <summary>The message for a file with nothing but white space and comments.</summary>
    public const string NoValue = "the file holds no JSON value";

    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>
    /// The document, or null with <paramref name="syntaxError"/> set. <paramref name="stringProblems"/> receives strings
    /// the reader could not decode (a lone surrogate escape such as "\ud800"); they are kept as written.
    /// </summary>
    public static ConfigNode? Read(byte[] utf8, LineMap lines, List<(int Offset, string Message)> stringProblems, out (int Offset, string Message)? syntaxError)
    {
        syntaxError = null;
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read())
            {
                syntaxError = (0, NoValue);
                return null;
            }
            var root = ReadValue(ref reader, stringProblems);
            // Anything after the root value (other than comments and white space) makes Read throw.
            reader.Read();
            return root;
        }
        catch (JsonException) when (IsBlank(utf8))
        {
            syntaxError = (0, NoValue);
            return null;
        }
        catch (JsonException e)
        {
            var line = (int)Math.Min(e.LineNumber ?? 0, int.MaxValue);
            var offset = (int)Math.Min(lines.LineStart(line) + (e.BytePositionInLine ?? 0), utf8.Length);
            syntaxError = (offset, CleanMessage(e.Message));
            return null;
        }
    }

    private static ConfigNode ReadValue(ref Utf8JsonReader reader, List<(int, string)> stringProblems)
    {
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = ImmutableArray.CreateBuilder<ConfigProperty>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameOffset = (int)reader.TokenStartIndex;
                    var name = ReadString(ref reader, stringProblems);
                    reader.Read();
                    properties.Add(new ConfigProperty(name, nameOffset, ReadValue(ref reader, stringProblems)));
                }
                return new ConfigObject(offset, properties.ToImmutable());
            case JsonTokenType.StartArray:
                var items = ImmutableArray.CreateBuilder<ConfigNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, stringProblems));
                return new ConfigArray(offset, items.ToImmutable());
            case JsonTokenType.String:
                return new ConfigScalar(offset, JsonTokenType.String, ReadString(ref reader, stringProblems));
            case JsonTokenType.Number:
                return new ConfigScalar(offset, JsonTokenType.Number, Encoding.UTF8.GetString(reader.ValueSpan));
            default:
                return new ConfigScalar(offset, reader.TokenType, "");
        }
    }

    private static string ReadString(ref Utf8JsonReader reader, List<(int, string)> stringProblems)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            stringProblems.Add(((int)reader.TokenStartIndex, "the string holds an escape that is not valid Unicode (a lone surrogate such as \\ud800)"));
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary>Only white space and comments (an empty file, or one with everything commented out).</summary>
    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length)
        {
            if (utf8[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                i++;
            else if (utf8[i..].StartsWith("//"u8))
                i = utf8[i..].IndexOf((byte)'\n') is var end and >= 0 ? i + end + 1 : utf8.Length;
            else if (utf8[i..].StartsWith("/*"u8) && utf8[(i + 2)..].IndexOf("*/"u8) is var close and >= 0)
                i += close + 4;
            else
                return false;
        }
        return true;
    }

    /// <summary>Drops the reader's " LineNumber: 2 | BytePositionInLine: 7." tail: the diagnostic has its own position.</summary>
    private static string CleanMessage(string message)
    {
        var text = PositionSuffix().Replace(message, "").Trim();
        return text.EndsWith('.') ? text[..^1] : text;
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|?\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex PositionSuffix();
}
