using CallFlow.Audio;
using CallFlow.Speech.Prompts;

namespace CallFlow.Speech.Tests.Prompts;

public sealed class PromptAudioToolsTests
{
    [Theory]
    [InlineData("@tone:1000:400", 3200)]
    [InlineData("@silence:2000", 16000)]
    [InlineData("@tone:440:30000", 240000)]
    public void Generated_sounds_have_the_length_they_ask_for(string text, int bytes) =>
        Assert.Equal(bytes, GeneratedAudio.Render(text)!.Length);

    [Theory]
    [InlineData("@tone:1000")]
    [InlineData("@tone:5000:100")]
    [InlineData("@tone:1000:30001")]
    [InlineData("@silence:-1")]
    [InlineData("@beep")]
    public void Malformed_sounds_are_refused(string text) => Assert.Null(GeneratedAudio.Render(text));

    [Fact]
    public void Silence_around_speech_is_cut_to_the_margins()
    {
        var silence = Enumerable.Repeat(G711.Encode(0, G711Law.MuLaw), 4000).ToArray();
        var sound = FakeTextToSpeech.Audio(800);
        var padded = silence.Concat(sound).Concat(silence).ToArray();

        var trimmed = SilenceTrimmer.Trim(padded);

        Assert.Equal(160 + 800 + 960, trimmed.Length); // 20 ms before, 120 ms after
        Assert.Equal(sound, trimmed.Span.Slice(160, 800).ToArray());
        Assert.Equal(silence, SilenceTrimmer.Trim(silence).ToArray());
        Assert.Equal(sound, SilenceTrimmer.Trim(sound).ToArray());
    }

    [Fact]
    public void A_studio_recording_is_mixed_down_and_resampled_to_telephony()
    {
        // 1 s of 44.1 kHz stereo PCM16: a 1 kHz tone on the left, silence on the right.
        var frames = 44100;
        var pcm = new byte[frames * 4];
        for (var i = 0; i < frames; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(4 * i), (short)(16000 * Math.Sin(2 * Math.PI * 1000 * i / 44100)));
        var file = WavWriter.ToBytes(new AudioFormat(AudioEncoding.Pcm16, 44100, 2), pcm);

        var muLaw = PromptFileReader.ToTelephonyMuLaw(file);

        Assert.Equal(8000, muLaw.Length);
        var peak = muLaw.Skip(100).Take(7800).Max(c => Math.Abs((int)G711.Decode(c, G711Law.MuLaw)));
        Assert.InRange(peak, 7000, 9000); // half of 16,000: the silent right channel halves the mix
    }

    [Fact]
    public void Telephony_files_pass_through_and_A_law_is_converted()
    {
        var codes = FakeTextToSpeech.Audio(100);
        Assert.Equal(codes, PromptFileReader.ToTelephonyMuLaw(WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.MuLaw), codes)));
        var aLaw = WavWriter.ToBytes(AudioFormat.Telephony(AudioEncoding.ALaw), Enumerable.Repeat((byte)0xD5, 10).ToArray());
        Assert.All(PromptFileReader.ToTelephonyMuLaw(aLaw), c => Assert.InRange(Math.Abs((int)G711.Decode(c, G711Law.MuLaw)), 0, 16));
    }
}
