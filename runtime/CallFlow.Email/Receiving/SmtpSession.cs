using System.Text;

namespace CallFlow.Email.Receiving;

/// <summary>
/// One client's SMTP conversation (RFC 5321): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT (VRFY answered 252),
/// everything else 502. Replies carry enhanced status codes (RFC 3463). Pipelined commands (RFC 2920) are read in
/// order from the same buffer.
/// </summary>
internal sealed partial class SmtpSession(SmtpReceiver receiver, Stream stream, string peer)
{
    // RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF.
    private const int MaxCommandLength = 510;
    // §4.5.3.1.6: a text line is at most 1000 octets with its CRLF.
    private const int MaxTextLineLength = 998;
    private const int MaxErrors = 10;

    private readonly SmtpLineReader _reader = new(stream, MaxTextLineLength);
    private readonly SmtpReceiverOptions _options = receiver.Options;
    private readonly List<string> _recipients = [];
    private CancellationTokenSource? _timeout;
    private string? _helo;
    private string? _mailFrom;
    private int _errors;

    public async Task RunAsync(bool busy, CancellationToken stopping)
    {
        // One timer for the whole conversation, re-armed for each read (a DATA of an hour's audio is 300,000 lines).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _timeout = timeout;
        if (busy)
        {
            await ReplyAsync("421 4.3.2 too many connections, try again later", stopping).ConfigureAwait(false);
            return;
        }
        await ReplyAsync($"220 {_options.HostName} CallFlow ESMTP ready", stopping).ConfigureAwait(false);
        while (await ReadLineAsync(stopping).ConfigureAwait(false))
        {
            if (_reader.TooLong || _reader.Line.Length > MaxCommandLength)
            {
                if (!await ErrorAsync("500 5.5.2 line too long", stopping).ConfigureAwait(false))
                    return;
                continue;
            }
            var line = Encoding.UTF8.GetString(_reader.Line);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : line[(space + 1)..].Trim();
            var keepGoing = verb switch
            {
                "EHLO" or "HELO" => await HelloAsync(verb, argument, stopping).ConfigureAwait(false),
                "MAIL" => await MailAsync(argument, stopping).ConfigureAwait(false),
                "RCPT" => await RecipientAsync(argument, stopping).ConfigureAwait(false),
                "DATA" => await DataAsync(argument, stopping).ConfigureAwait(false),
                "RSET" => await ResetAsync(stopping).ConfigureAwait(false),
                "NOOP" => await OkAsync("250 2.0.0 OK", stopping).ConfigureAwait(false),
                "VRFY" => await OkAsync("252 2.5.2 cannot verify the user, but will accept the message and attempt delivery", stopping).ConfigureAwait(false),
                "QUIT" => await QuitAsync(stopping).ConfigureAwait(false),
                "STARTTLS" or "AUTH" or "EXPN" or "BDAT" or "HELP" or "TURN" or "ETRN" =>
                    await ErrorAsync("502 5.5.1 command not implemented", stopping).ConfigureAwait(false),
                _ => await ErrorAsync("500 5.5.2 command not recognised", stopping).ConfigureAwait(false),
            };
            if (!keepGoing)
                return;
        }
    }

    private async ValueTask<bool> HelloAsync(string verb, string argument, CancellationToken stopping)
    {
        if (argument.Length == 0)
            return await ErrorAsync($"501 5.5.4 {verb} needs a domain or address", stopping).ConfigureAwait(false);
        _helo = argument;
        ResetTransaction();
        if (verb == "HELO")
            return await OkAsync($"250 {_options.HostName}", stopping).ConfigureAwait(false);
        return await OkAsync(
            $"250-{_options.HostName} greets {argument}\r\n250-SIZE {_options.MaxMessageBytes}\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 ENHANCEDSTATUSCODES",
            stopping).ConfigureAwait(false);
    }

    private async ValueTask<bool> MailAsync(string argument, CancellationToken stopping)
    {
        if (_helo is null)
            return await ErrorAsync("503 5.5.1 say EHLO or HELO first", stopping).ConfigureAwait(false);
        if (_mailFrom is not null)
            return await ErrorAsync("503 5.5.1 a message is already under way; RSET first", stopping).ConfigureAwait(false);
        if (!TryPath(argument, "FROM:", out var sender, out var parameters))
            return await ErrorAsync("501 5.5.4 write MAIL FROM:<address>", stopping).ConfigureAwait(false);
        foreach (var parameter in parameters)
        {
            var (key, value) = parameter.IndexOf('=') is var eq and > 0 ? (parameter[..eq].ToUpperInvariant(), parameter[(eq + 1)..]) : (parameter.ToUpperInvariant(), "");
            if (key == "SIZE" && long.TryParse(value, out var size) && size > _options.MaxMessageBytes)
                return await ErrorAsync($"552 5.3.4 the message is larger than the {_options.MaxMessageBytes} bytes this server takes", stopping).ConfigureAwait(false);
            if (key is not ("SIZE" or "BODY"))
                return await ErrorAsync($"555 5.5.4 parameter {key} is not supported", stopping).ConfigureAwait(false);
        }
        _mailFrom = sender;
        return await OkAsync("250 2.1.0 OK", stopping).ConfigureAwait(false);
    }

    private async ValueTask<bool> RecipientAsync(string argument, CancellationToken stopping)
    {
        if (_mailFrom is null)
            return await ErrorAsync("503 5.5.1 MAIL first", stopping).ConfigureAwait(false);
        if (!TryPath(argument, "TO:", out var address, out _) || address.Length == 0)
            return await ErrorAsync("501 5.5.4 write RCPT TO:<address>", stopping).ConfigureAwait(false);
        if (_recipients.Count >= _options.MaxRecipients)
            return await OkAsync("452 4.5.3 too many recipients", stopping).ConfigureAwait(false);
        if (_options.Recipients.Resolve(address, out var mailbox) is { } refusal)
        {
            _options.Log?.Invoke($"smtp receiver: {peer}: refused RCPT {address}: {refusal}");
            return await ErrorAsync(refusal, stopping).ConfigureAwait(false);
        }
        if (!_recipients.Contains(mailbox))
            _recipients.Add(mailbox);
        return await OkAsync("250 2.1.5 OK", stopping).ConfigureAwait(false);
    }

    private async ValueTask<bool> ResetAsync(CancellationToken stopping)
    {
        ResetTransaction();
        return await OkAsync("250 2.0.0 OK", stopping).ConfigureAwait(false);
    }

    private async ValueTask<bool> QuitAsync(CancellationToken stopping)
    {
        await ReplyAsync($"221 2.0.0 {_options.HostName} closing", stopping).ConfigureAwait(false);
        return false;
    }

    private void ResetTransaction()
    {
        _mailFrom = null;
        _recipients.Clear();
    }

    /// <summary>
    /// <c>FROM:&lt;a@b&gt; SIZE=10</c>: the path between the angle brackets and the parameters after it. A space after
    /// the colon and a missing bracket pair are tolerated, as most servers do.
    /// </summary>
    private static bool TryPath(string argument, string prefix, out string path, out string[] parameters)
    {
        path = "";
        parameters = [];
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = argument[prefix.Length..].TrimStart();
        if (rest.StartsWith('<'))
        {
            var close = rest.IndexOf('>', StringComparison.Ordinal);
            if (close < 0)
                return false;
            path = rest[1..close];
            rest = rest[(close + 1)..];
        }
        else
        {
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            path = space < 0 ? rest : rest[..space];
            rest = space < 0 ? "" : rest[space..];
        }
        parameters = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return !path.Any(char.IsControl);
    }

    private async ValueTask<bool> ReadLineAsync(CancellationToken stopping)
    {
        var timeout = _timeout!;
        timeout.CancelAfter(_options.CommandTimeout);
        try
        {
            return await _reader.ReadLineAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            await ReplyAsync("421 4.4.2 timed out waiting for the client; closing", stopping).ConfigureAwait(false);
            return false;
        }
        finally
        {
            // Not while the server works (storing a message): the client is waiting for us then.
            timeout.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Replies; the conversation goes on.</summary>
    private async ValueTask<bool> OkAsync(string reply, CancellationToken stopping)
    {
        await ReplyAsync(reply, stopping).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replies with an error; after too many the client is told 421 and dropped (it is not talking SMTP).</summary>
    private async ValueTask<bool> ErrorAsync(string reply, CancellationToken stopping)
    {
        await ReplyAsync(reply, stopping).ConfigureAwait(false);
        if (++_errors < MaxErrors)
            return true;
        await ReplyAsync("421 4.7.0 too many errors; closing", stopping).ConfigureAwait(false);
        return false;
    }

    private async ValueTask ReplyAsync(string reply, CancellationToken stopping)
    {
        // Pipelining (RFC 2920): replies may wait while more pipelined commands are buffered; writing each at once is
        // simpler and equally correct.
        var bytes = Encoding.UTF8.GetBytes(reply + "\r\n");
        await stream.WriteAsync(bytes, stopping).ConfigureAwait(false);
        await stream.FlushAsync(stopping).ConfigureAwait(false);
    }
}
