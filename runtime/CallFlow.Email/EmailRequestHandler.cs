using CallFlow.Mailbox;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;

namespace CallFlow.Email;

/// <summary>
/// The eMail action (reference §10.5): queues an e-mail to <c>to</c> with <c>subject</c> and <c>body</c> (variables
/// already replaced by the machine) and, with <c>attach</c>, a WAV: <c>$</c> is the call's last recording (Voice
/// Question, Listen or Leave Mail; its message file is read when the e-mail is sent), anything else a file under
/// <see cref="EmailRequestHandler.PromptDirectory"/>. It only queues, never sends: the caller goes on at once, whatever
/// the mail server is doing. Result: Next, always.
/// </summary>
/// <example><code>
/// var session = new CallSession(machine, context, [new MailboxRequestHandler(store, policy), new EmailRequestHandler(store, promptDirectory)]);
/// </code></example>
public sealed class EmailRequestHandler(IEmailOutbox outbox, string promptDirectory) : IRequestHandler
{
    /// <summary>Where a named attachment (<c>attach "greeting.wav"</c>) is looked for when its path is relative.</summary>
    public string PromptDirectory { get; } = promptDirectory;

    /// <inheritdoc />
    public bool Handles(string action) => action == "email";

    /// <inheritdoc />
    public async ValueTask<Outcome> PerformAsync(CallContext call, RequestEffect request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(request);
        var next = new ResultOutcome(request.Results.IsEmpty ? "Next" : request.Results[0]) { TypedAhead = request.TypedAhead };
        var to = Setting(request, "to").Trim();
        if (to.Length == 0 || !to.Contains('@', StringComparison.Ordinal))
        {
            call.Channel.Note($"email: '{to}' is not an address; nothing queued");
            return next;
        }
        var draft = new EmailDraft(to, Setting(request, "subject"), Setting(request, "body"));
        var (message, file, problem) = Attachment(call, Setting(request, "attach"));
        if (problem is not null)
            call.Channel.Note($"email: {problem}; sent without an attachment");
        try
        {
            var queued = await outbox.QueueEmailAsync(draft with { AttachmentMessageId = message, AttachmentFile = file }, cancellationToken).ConfigureAwait(false);
            call.Channel.Note($"e-mail {queued.Id} to {to} queued{(message ?? (file is null ? null : Path.GetFileName(file))) switch { { } a => $" with {a}", _ => "" }}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The caller is not kept waiting or cut off for a mail problem: Voicemail Pro's eMail has only Next.
            call.Channel.Note($"email: could not queue the e-mail to {to}: {e.Message}");
        }
        return next;
    }

    /// <summary>The machine hands the prompt as <c>Kind:text</c>: <c>Recording:$</c> or <c>File:name.wav</c>.</summary>
    private (string? MessageId, string? File, string? Problem) Attachment(CallContext call, string attach)
    {
        if (attach.Length == 0)
            return (null, null, null);
        var colon = attach.IndexOf(':', StringComparison.Ordinal);
        var (kind, text) = colon < 0 ? ("File", attach) : (attach[..colon], attach[(colon + 1)..]);
        if (kind == "Recording" || text == "$")
            return call.LastRecording is { } id ? (id, null, null) : (null, null, "there is no recording of this call to attach");
        // §10.5: a named wav file (made by Edit Play List, say); nothing else is attached.
        if (kind != "File" || text.Trim().Length == 0 || !text.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            return (null, null, $"'{text}' is not a .wav file to attach");
        var path = Path.GetFullPath(text, PromptDirectory);
        return File.Exists(path) ? (null, path, null) : (null, null, $"the file {text} does not exist");
    }

    private static string Setting(RequestEffect request, string name) => request.Settings.TryGetValue(name, out var value) ? value : "";
}
