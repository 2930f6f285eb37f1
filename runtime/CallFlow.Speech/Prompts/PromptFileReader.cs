using CallFlow.Audio;

namespace CallFlow.Speech.Prompts;

/// <summary>
/// Reads a prompt WAV as 8 kHz mono µ-law: telephony files as they are, others (a 44.1 kHz stereo recording from a
/// studio) mixed down and resampled, so any PCM16, A-law or µ-law file a site drops in plays.
/// </summary>
public static class PromptFileReader
{
    /// <summary>The audio of a whole WAV file.</summary>
    /// <exception cref="WavFormatException">The bytes are not a WAV file CallFlow reads.</exception>
    public static byte[] ToTelephonyMuLaw(ReadOnlySpan<byte> file)
    {
        var info = WavReader.Read(file);
        var data = info.GetData(file);
        var format = info.Format;
        if (format.SampleRate == 8000 && format.Channels == 1)
            return SampleConverter.ToTelephonyMuLaw(data, format);
        var frames = (int)info.SampleFrames;
        var pcm = new byte[SampleConverter.ConvertedLength(frames * format.BlockAlign, format.Encoding, AudioEncoding.Pcm16)];
        SampleConverter.Convert(data[..(frames * format.BlockAlign)], format.Encoding, pcm, AudioEncoding.Pcm16);
        var interleaved = new short[pcm.Length / 2];
        SampleConverter.ReadPcm16(pcm, interleaved);
        var mono = new short[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0;
            for (var channel = 0; channel < format.Channels; channel++)
                sum += interleaved[frame * format.Channels + channel];
            mono[frame] = (short)(sum / format.Channels);
        }
        var telephony = Resampler.For(format.SampleRate, 8000).Resample(mono);
        var muLaw = new byte[telephony.Length];
        G711.Encode(telephony, muLaw, G711Law.MuLaw);
        return muLaw;
    }
}
