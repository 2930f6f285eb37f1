using System.Net.Sockets;
using System.Text;

namespace CallFlow.Email.Tests.Support;

/// <summary>An SMTP conversation byte by byte, for what a library client would never send.</summary>
internal sealed class RawSmtp : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;
    private readonly StringBuilder _pending = new();

    public static async Task<RawSmtp> ConnectAsync(int port)
    {
        var raw = new RawSmtp();
        await raw._client.ConnectAsync("127.0.0.1", port);
        raw._stream = raw._client.GetStream();
        return raw;
    }

    public Task SendAsync(string text) => _stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>The next whole reply (all lines of a multi-line one), waiting at most 10 s.</summary>
    public async Task<string> ReplyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        while (true)
        {
            var text = _pending.ToString();
            var lines = text.Split("\r\n");
            for (var i = 0; i < lines.Length - 1; i++)
            {
                if (lines[i].Length >= 4 && lines[i][3] == ' ')
                {
                    var reply = string.Join("\r\n", lines[..(i + 1)]);
                    _pending.Remove(0, reply.Length + 2);
                    return reply;
                }
            }
            var read = await _stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
                return "(closed)";
            _pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReplyAsync();
    }

    public void Dispose() => _client.Dispose();
}
