using System.Buffers;
using System.Globalization;
using System.Text;

namespace CallFlow.Sip;

public sealed partial class SipMessage
{
    /// <summary>
    /// Writes the message in wire form: start line, headers as "Name: value" with CRLF, a Content-Length equal to
    /// <see cref="Body"/>'s length (rewritten in place, or appended when missing), the empty line and the body.
    /// Parsed header lines that were not changed are written back byte for byte.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsRequest)
        {
            Write(writer, Method!);
            Write(writer, " ");
            Write(writer, RequestUriText ?? "");
            Write(writer, " ");
            Write(writer, Version);
        }
        else
        {
            Write(writer, Version);
            Write(writer, " ");
            Write(writer, StatusCode.ToString(CultureInfo.InvariantCulture));
            Write(writer, " ");
            Write(writer, ReasonPhrase ?? "");
        }
        Write(writer, "\r\n");
        var wroteLength = false;
        for (var i = 0; i < Headers.Count; i++)
        {
            var name = Headers.NameAt(i);
            if (ReferenceEquals(name, SipHeaderNames.ContentLength) || name.Equals(SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                if (!wroteLength)
                    WriteContentLength(writer);
                wroteLength = true;
                continue;
            }
            Write(writer, name);
            Write(writer, ": ");
            if (Headers.TryGetRaw(i, out var raw))
                writer.Write(raw.Span);
            else
                Write(writer, Headers.ValueAt(i));
            Write(writer, "\r\n");
        }
        if (!wroteLength)
            WriteContentLength(writer);
        Write(writer, "\r\n");
        writer.Write(Body.Span);
    }

    /// <summary>The wire form as a new array.</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(256 + Body.Length);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The wire form decoded as UTF-8, for logs and tests.</summary>
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private void WriteContentLength(IBufferWriter<byte> writer)
    {
        Write(writer, SipHeaderNames.ContentLength);
        Write(writer, ": ");
        Write(writer, Body.Length.ToString(CultureInfo.InvariantCulture));
        Write(writer, "\r\n");
    }

    private static void Write(IBufferWriter<byte> writer, string text)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        writer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
