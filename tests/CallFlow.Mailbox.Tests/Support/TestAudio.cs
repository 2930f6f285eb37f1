using System.Buffers.Binary;
using System.Text;

namespace CallFlow.Mailbox.Tests.Support;

/// <summary>Deterministic G.711 test audio, and a strict reader for the WAV files the store writes.</summary>
public static class TestAudio
{
    /// <summary><paramref name="bytes"/> bytes of a pattern that differs per <paramref name="seed"/>.</summary>
    public static byte[] Pattern(int bytes, int seed = 0)
    {
        var data = new byte[bytes];
        for (var i = 0; i < bytes; i++)
            data[i] = (byte)((i * 7 + seed * 13 + (i >> 9)) & 0xFF);
        return data;
    }

    public static byte[] Seconds(double seconds, int seed = 0) => Pattern((int)(seconds * 8000), seed);

    public static async Task<MessageInfo> RecordAsync(IMailboxStore store, string mailbox, byte[] audio, string? caller = null)
    {
        await using var recording = await store.BeginRecordingAsync(new RecordingRequest(mailbox) { CallerNumber = caller });
        recording.Write(audio);
        return (await recording.CommitAsync())!;
    }

    public static async Task<byte[]> ReadAudioAsync(IMailboxStore store, string messageId)
    {
        using var playback = await store.OpenPlaybackAsync(messageId) ?? throw new InvalidOperationException($"{messageId} is gone");
        return ReadWavData(playback.AudioPath);
    }

    /// <summary>Checks every header field of an 8 kHz mono µ-law WAV with a fact chunk and returns its samples.</summary>
    public static byte[] ReadWavData(string path)
    {
        var file = File.ReadAllBytes(path);
        Assert.True(file.Length >= 58, $"{path} is {file.Length} bytes, shorter than the header");
        string Tag(int at) => Encoding.ASCII.GetString(file, at, 4);
        uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
        ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
        var data = U32(54);
        Assert.Equal("RIFF", Tag(0));
        Assert.Equal((uint)(file.Length - 8), U32(4));
        Assert.Equal("WAVE", Tag(8));
        Assert.Equal("fmt ", Tag(12));
        Assert.Equal(18u, U32(16));
        Assert.Equal(7, U16(20));
        Assert.Equal(1, U16(22));
        Assert.Equal(8000u, U32(24));
        Assert.Equal(8000u, U32(28));
        Assert.Equal(1, U16(32));
        Assert.Equal(8, U16(34));
        Assert.Equal(0, U16(36));
        Assert.Equal("fact", Tag(38));
        Assert.Equal(4u, U32(42));
        Assert.Equal(data, U32(46));
        Assert.Equal("data", Tag(50));
        Assert.Equal(58 + data + (data & 1), (uint)file.Length);
        if ((data & 1) != 0)
            Assert.Equal(0, file[^1]);
        return file.AsSpan(58, (int)data).ToArray();
    }
}
