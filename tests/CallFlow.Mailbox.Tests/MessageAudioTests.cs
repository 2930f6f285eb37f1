namespace CallFlow.Mailbox.Tests;

public sealed class MessageAudioTests
{
    [Fact]
    public void The_header_is_58_bytes_of_mu_law_with_a_fact_chunk()
    {
        var header = new byte[MessageAudio.HeaderSize];
        MessageAudio.WriteHeader(header, 8001);
        Assert.Equal(
            "52494646" + "741F0000" + "57415645" + "666D7420" + "12000000" + "0700" + "0100" + "401F0000" + "401F0000"
            + "0100" + "0800" + "0000" + "66616374" + "04000000" + "411F0000" + "64617461" + "411F0000",
            Convert.ToHexString(header));
        Assert.Equal(58 + 8002, MessageAudio.FileLength(8001));
    }

    [Fact]
    public void Sizes_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageAudio.WriteHeader(new byte[58], -1));
        Assert.Throws<ArgumentException>(() => MessageAudio.WriteHeader(new byte[57], 0));
    }
}
