using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CallFlow.Bench;

/// <summary>What one SIPp run reported: its exit code, its call counters (from its -trace_stat file) and its CPU time.</summary>
/// <param name="ExitCode">SIPp's exit code (0 every call succeeded, 1 some failed, 97/99 stopped early, 255/254 fatal); null when it had to be killed.</param>
/// <param name="Created">Calls SIPp placed (UAC) or received (UAS).</param>
/// <param name="Successful">Calls that went through the whole scenario.</param>
/// <param name="Failed">Calls SIPp counted as failed.</param>
/// <param name="PeakConcurrent">Most calls open at once (sampled each second).</param>
/// <param name="CpuMs">User + system CPU of the SIPp process, ms; null when it could not be measured.</param>
/// <param name="Problems">The tail of SIPp's error log, empty when there was none.</param>
internal sealed record SippResult(int? ExitCode, int Created, int Successful, int Failed, int PeakConcurrent, double? CpuMs, string Problems);

/// <summary>
/// SIPp for the SIP load benchmark: the caller (UAC, bench/sipp/load-uac.xml) and the reference server (SIPp's own
/// UAS with -rtp_echo). Runs are bounded by SIPp's own -timeout and, behind it, by a kill.
/// </summary>
internal static class SipLoadSipp
{
    public const string DtmfPcap = "/usr/share/sip-tester/dtmf_2833_1.pcap";
    public const string SpeechPcap = "/usr/share/sip-tester/g711a.pcap";

    /// <summary>Where the scenario and the flow live in the bench's output (copied from bench/sipp/).</summary>
    public static string SippDirectory => Path.Combine(AppContext.BaseDirectory, "sipp");

    /// <summary>Why SIPp cannot run here, or null: sipp on the PATH, sip-tester's pcaps.</summary>
    public static string? Missing()
    {
        foreach (var file in new[] { DtmfPcap, SpeechPcap })
        {
            if (!File.Exists(file))
                return $"{file} is missing: install Debian's sip-tester (apt-get install sip-tester)";
        }
        try
        {
            using var sipp = Process.Start(new ProcessStartInfo("sipp", "-v") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (sipp is null || !sipp.WaitForExit(10_000))
                return "sipp -v did not answer";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "sipp is not on the PATH: install Debian's sip-tester (apt-get install sip-tester)";
        }
        return null;
    }

    /// <summary>
    /// Puts what the caller's scenario plays into <paramref name="directory"/>: the key (dtmf-1.pcap, as sip-tester
    /// ships it) and the speech (caller.alaw: the A-law payloads of sip-tester's g711a.pcap, 7.08 s, which SIPp's
    /// rtp_stream loops in 20 ms packets), beside a copy of the scenario.
    /// </summary>
    public static void PrepareCaller(string directory)
    {
        File.Copy(Path.Combine(SippDirectory, "load-uac.xml"), Path.Combine(directory, "load-uac.xml"), overwrite: true);
        File.Copy(DtmfPcap, Path.Combine(directory, "dtmf-1.pcap"), overwrite: true);
        File.WriteAllBytes(Path.Combine(directory, "caller.alaw"), RtpPayloads(File.ReadAllBytes(SpeechPcap)));
    }

    /// <summary>The RTP payloads of a classic pcap file (Ethernet or Linux cooked capture, IPv4, UDP), concatenated.</summary>
    internal static byte[] RtpPayloads(byte[] pcap)
    {
        if (pcap.Length < 24)
            throw new InvalidDataException("not a pcap file");
        var little = BinaryPrimitives.ReadUInt32LittleEndian(pcap) is 0xa1b2c3d4 or 0xa1b23c4d;
        uint U32(int offset) => little ? BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(pcap.AsSpan(offset));
        var link = U32(20);
        var linkHeader = link switch
        {
            1 => 14,    // Ethernet
            113 => 16,  // Linux cooked
            _ => throw new InvalidDataException($"pcap link type {link} is not Ethernet or Linux cooked capture"),
        };
        using var payloads = new MemoryStream();
        for (var offset = 24; offset + 16 <= pcap.Length;)
        {
            var length = (int)U32(offset + 8);
            var packet = pcap.AsSpan(offset + 16, Math.Min(length, pcap.Length - offset - 16));
            offset += 16 + length;
            if (packet.Length < linkHeader + 20 + 8 + 12 || packet[linkHeader] >> 4 != 4 || packet[linkHeader + 9] != 17)
                continue;
            var rtp = packet[(linkHeader + (packet[linkHeader] & 0x0f) * 4 + 8)..];
            var header = 12 + (rtp[0] & 0x0f) * 4;
            if ((rtp[0] & 0x10) != 0 && rtp.Length >= header + 4)
                header += 4 + BinaryPrimitives.ReadUInt16BigEndian(rtp[(header + 2)..]) * 4;
            if (rtp[0] >> 6 == 2 && rtp.Length > header)
                payloads.Write(rtp[header..]);
        }
        return payloads.ToArray();
    }

    /// <summary>
    /// Starts the caller: <paramref name="calls"/> calls of bench/sipp/load-uac.xml to <paramref name="sipPort"/> on
    /// loopback, at most <paramref name="calls"/> at once, <paramref name="rate"/> new calls a second, each holding
    /// <paramref name="holdMs"/> of audio after its key. SIPp stops itself after <paramref name="limit"/>. With a
    /// <paramref name="nice"/> above 0 the caller runs at that lower priority, so the server gets the cores first.
    /// </summary>
    public static Process StartCaller(string directory, string name, int sipPort, string service, int calls, int rate, int holdMs, TimeSpan limit, int nice = 0)
    {
        string[] command =
        [
            "nice", "-n", Invariant(nice), "sipp", $"127.0.0.1:{sipPort}", "-sf", "load-uac.xml", "-s", service,
            "-i", "127.0.0.1", "-p", Invariant(SipLoadProcesses.FreePort()), "-mi", "127.0.0.1", "-mp", Invariant(SipLoadProcesses.FreeMediaPort()),
            "-m", Invariant(calls), "-l", Invariant(calls), "-r", Invariant(rate), "-rp", "1000", "-d", Invariant(holdMs),
            "-nostdin", "-timeout", $"{(int)limit.TotalSeconds}s", "-timeout_error",
            "-trace_stat", "-stf", $"{name}.csv", "-fd", "1", "-trace_err", "-error_file", $"{name}-errors.log",
        ];
        return SipLoadProcesses.Start(directory, Path.Combine(directory, $"{name}.out"), Path.Combine(directory, $"{name}.err"), exec: false,
            Path.Combine(directory, $"{name}.times"), command);
    }

    /// <summary>
    /// Starts SIPp's own UAS (the built-in uas scenario: 180, 200 with SDP, then BYE answered) echoing every RTP packet
    /// back to its sender (-rtp_echo), until it has handled <paramref name="calls"/> calls or <paramref name="limit"/>.
    /// </summary>
    public static Process StartEchoServer(string directory, string name, int sipPort, int calls, TimeSpan limit)
    {
        string[] command =
        [
            "sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", Invariant(sipPort), "-mi", "127.0.0.1", "-mp", Invariant(SipLoadProcesses.FreeMediaPort()),
            "-rtp_echo", "-m", Invariant(calls), "-nostdin", "-timeout", $"{(int)limit.TotalSeconds}s",
            "-trace_stat", "-stf", $"{name}.csv", "-fd", "1", "-trace_err", "-error_file", $"{name}-errors.log",
        ];
        var process = SipLoadProcesses.Start(directory, Path.Combine(directory, $"{name}.out"), Path.Combine(directory, $"{name}.err"), exec: false,
            Path.Combine(directory, $"{name}.times"), command);
        // Ready when its SIP port is taken (bounded: 10 s).
        for (var i = 0; i < 100 && !process.HasExited && IsFree(sipPort); i++)
            Thread.Sleep(100);
        return process;
    }

    /// <summary>The figures of a finished run, from its stat file, error log and bash's times.</summary>
    public static SippResult Result(string directory, string name, int? exitCode, double? cpuMsFallback = null)
    {
        var created = 0;
        var successful = 0;
        var failed = 0;
        var peak = 0;
        var stats = Path.Combine(directory, $"{name}.csv");
        if (File.Exists(stats))
        {
            var lines = File.ReadAllLines(stats).Where(l => l.Length > 0).ToArray();
            if (lines.Length >= 2)
            {
                var header = lines[0].Split(';');
                int Column(string column) => Array.IndexOf(header, column);
                int Value(string[] row, string column) =>
                    Column(column) is var i and >= 0 && i < row.Length && int.TryParse(row[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
                foreach (var line in lines.Skip(1))
                    peak = Math.Max(peak, Value(line.Split(';'), "CurrentCall"));
                var last = lines[^1].Split(';');
                created = Value(last, "TotalCallCreated");
                successful = Value(last, "SuccessfulCall(C)");
                failed = Value(last, "FailedCall(C)");
            }
        }
        var errors = Path.Combine(directory, $"{name}-errors.log");
        var problems = File.Exists(errors) ? string.Join('\n', File.ReadLines(errors).Where(l => l.Trim().Length > 0).TakeLast(6)) : "";
        var cpu = SipLoadProcesses.ChildrenCpuMilliseconds(Path.Combine(directory, $"{name}.times")) ?? cpuMsFallback;
        return new SippResult(exitCode, created, successful, failed, peak, cpu, problems);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
