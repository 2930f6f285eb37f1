using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace CallFlow.Email.Tests.Support;

/// <summary>How the test SMTP server is protected and whether it wants authentication.</summary>
internal enum SmtpdMode { Plain, StartTls, Tls, Auth }

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd (<c>/usr/bin/python3 -m aiosmtpd</c>), storing what it
/// receives in a Maildir the test reads back; with AUTH it is Support/auth_smtpd.py. Started and killed by the test,
/// every wait bounded.
/// </summary>
internal sealed class AioSmtpd : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly List<string> _output = [];

    private AioSmtpd(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return string.Join("\n", _output);
        }
    }

    /// <summary>Starts the server on <paramref name="port"/> (a free one when 0) and waits until it answers.</summary>
    public static async Task<AioSmtpd> StartAsync(string directory, int port = 0, SmtpdMode mode = SmtpdMode.Plain, TestCertificate? certificate = null,
        (string User, string Password, string[] Mechanisms)? auth = null)
    {
        port = port == 0 ? FreePort.Next() : port;
        var maildir = Path.Combine(directory, $"maildir-{port}");
        foreach (var sub in new[] { "tmp", "new", "cur" })
            Directory.CreateDirectory(Path.Combine(maildir, sub)); // Python's Maildir only makes these for a folder it creates
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (mode == SmtpdMode.Auth)
        {
            var (user, password, mechanisms) = auth ?? throw new ArgumentException("auth mode needs a user", nameof(auth));
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Support", "auth_smtpd.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), maildir, user, password }.Concat(mechanisms))
                start.ArgumentList.Add(argument);
        }
        else
        {
            foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox" })
                start.ArgumentList.Add(argument);
            if (mode != SmtpdMode.Plain)
            {
                var cert = certificate ?? throw new ArgumentException("TLS needs a certificate", nameof(certificate));
                start.ArgumentList.Add(mode == SmtpdMode.StartTls ? "--tlscert" : "--smtpscert");
                start.ArgumentList.Add(cert.CertificatePath);
                start.ArgumentList.Add(mode == SmtpdMode.StartTls ? "--tlskey" : "--smtpskey");
                start.ArgumentList.Add(cert.KeyPath);
            }
            start.ArgumentList.Add(maildir);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var server = new AioSmtpd(process, port, maildir);
        process.OutputDataReceived += (_, e) => server.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => server.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync(tls: mode == SmtpdMode.Tls);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every message received so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        new[] { "new", "cur" }.Select(sub => Path.Combine(Maildir, sub)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Order(StringComparer.Ordinal)
            .Select(path => MimeMessage.Load(path))
            .ToList();

    /// <summary>Waits (at most <paramref name="timeout"/>) until at least <paramref name="count"/> messages are in.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || DateTime.UtcNow > deadline)
                return messages;
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
        }
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    private async Task WaitUntilListeningAsync(bool tls)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}: {Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                if (tls)
                    return; // SMTPS speaks only after the handshake; listening is enough
                using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                var buffer = new byte[512];
                var got = await client.GetStream().ReadAsync(buffer, read.Token);
                if (got >= 3 && buffer[0] == (byte)'2' && buffer[1] == (byte)'2' && buffer[2] == (byte)'0')
                    return;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"aiosmtpd did not answer on port {Port} within {StartTimeout.TotalSeconds} s: {Output}");
    }
}
