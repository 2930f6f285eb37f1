namespace CallFlow.Email.Receiving;

internal sealed partial class SmtpSession
{
    /// <summary>
    /// DATA (RFC 5321 §4.1.1.4): lines up to the one holding only ".", with one leading dot removed from each dot-stuffed
    /// line (§4.5.2). A message over the size limit is read to its end and refused (552), so the conversation stays in
    /// step; the reply comes only once the message is stored in every recipient's mailbox.
    /// </summary>
    private async ValueTask<bool> DataAsync(string argument, CancellationToken stopping)
    {
        if (argument.Length > 0)
            return await ErrorAsync("501 5.5.4 DATA takes no argument", stopping).ConfigureAwait(false);
        if (_mailFrom is null)
            return await ErrorAsync("503 5.5.1 MAIL first", stopping).ConfigureAwait(false);
        if (_recipients.Count == 0)
            return await ErrorAsync("554 5.5.1 no valid recipients", stopping).ConfigureAwait(false);
        await ReplyAsync("354 end data with <CR><LF>.<CR><LF>", stopping).ConfigureAwait(false);

        using var message = new MemoryStream();
        var tooBig = false;
        var lineTooLong = false;
        while (true)
        {
            if (!await ReadLineAsync(stopping).ConfigureAwait(false))
                return false; // the client left (or timed out) mid-message: nothing is kept
            var line = _reader.Line;
            if (line.Length == 1 && line[0] == (byte)'.' && !_reader.TooLong)
                break;
            if (line.Length > 0 && line[0] == (byte)'.')
                line = line[1..];
            lineTooLong |= _reader.TooLong;
            if (tooBig || message.Length + line.Length + 2 > _options.MaxMessageBytes)
            {
                tooBig = true;
                continue;
            }
            message.Write(line);
            message.Write("\r\n"u8);
        }

        var recipients = _recipients.ToList();
        var sender = _mailFrom;
        ResetTransaction();
        if (tooBig)
            return await ErrorAsync($"552 5.3.4 the message is larger than the {_options.MaxMessageBytes} bytes this server takes", stopping).ConfigureAwait(false);
        if (lineTooLong)
            return await ErrorAsync("500 5.5.2 a line of the message is longer than 998 characters", stopping).ConfigureAwait(false);
        message.Position = 0;
        var reply = await receiver.Delivery.DeliverAsync(message, sender, recipients, peer, stopping).ConfigureAwait(false);
        return reply.StartsWith('2') ? await OkAsync(reply, stopping).ConfigureAwait(false) : await ErrorAsync(reply, stopping).ConfigureAwait(false);
    }
}
