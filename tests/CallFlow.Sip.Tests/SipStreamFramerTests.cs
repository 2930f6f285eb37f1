using System.Text;

namespace CallFlow.Sip.Tests;

public sealed class SipStreamFramerTests
{
    [Fact]
    public void Splits_pipelined_messages_fed_in_odd_chunks()
    {
        var one = Messages.Invite;
        var two = Messages.Request("BYE");
        var stream = Encoding.UTF8.GetBytes("\r\n" + one + two + one);
        using var framer = new SipStreamFramer();
        var methods = new List<string>();
        for (var i = 0; i < stream.Length; i += 7)
        {
            framer.Append(stream.AsSpan(i, Math.Min(7, stream.Length - i)));
            while (framer.TryRead(out var message, out var error) is var status && status != SipFramerStatus.NeedMoreData)
            {
                Assert.Equal(SipFramerStatus.Message, status);
                Assert.Null(error);
                methods.Add(message!.Method!);
            }
        }
        Assert.Equal(["INVITE", "BYE", "INVITE"], methods);
        Assert.Equal(0, framer.BufferedBytes);
    }

    [Fact]
    public void Body_is_cut_by_content_length()
    {
        using var framer = new SipStreamFramer();
        framer.Append(Messages.Bytes(Messages.Invite + "INV"));
        Assert.Equal(SipFramerStatus.Message, framer.TryRead(out var message, out _));
        Assert.Equal("v=0\n"u8.ToArray(), message!.Body.ToArray());
        Assert.Equal(SipFramerStatus.NeedMoreData, framer.TryRead(out _, out _));
        Assert.Equal(3, framer.BufferedBytes);
    }

    [Fact]
    public void Double_crlf_is_a_keep_alive_and_single_crlf_is_skipped()
    {
        using var framer = new SipStreamFramer();
        framer.Append("\r\n\r\n"u8);
        Assert.Equal(SipFramerStatus.KeepAlive, framer.TryRead(out _, out _));
        framer.Append("\r\n"u8);
        Assert.Equal(SipFramerStatus.NeedMoreData, framer.TryRead(out _, out _));
        framer.Append(Messages.Bytes(Messages.Request()));
        Assert.Equal(SipFramerStatus.Message, framer.TryRead(out _, out _));
    }

    [Fact]
    public void Missing_content_length_faults_after_offering_a_400()
    {
        using var framer = new SipStreamFramer();
        framer.Append(Messages.Bytes(Messages.Request().Replace("Content-Length: 0\r\n", "")));
        Assert.Equal(SipFramerStatus.Error, framer.TryRead(out _, out var error));
        Assert.Equal(SipParseErrorKind.MissingContentLength, error!.Kind);
        Assert.True(error.ShouldRespond);
        Assert.True(framer.IsFaulted);
        framer.Append(Messages.Bytes(Messages.Request()));
        Assert.Equal(SipFramerStatus.Error, framer.TryRead(out _, out _));
    }

    [Fact]
    public void A_bad_message_with_good_framing_does_not_fault()
    {
        using var framer = new SipStreamFramer();
        framer.Append(Messages.Bytes(Messages.Request().Replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS") + Messages.Request("BYE")));
        Assert.Equal(SipFramerStatus.Error, framer.TryRead(out _, out var error));
        Assert.Equal("Malformed CSeq header", error!.ReasonPhrase);
        Assert.False(framer.IsFaulted);
        Assert.Equal(SipFramerStatus.Message, framer.TryRead(out var bye, out _));
        Assert.Equal("BYE", bye!.Method);
    }

    [Fact]
    public void Endless_headers_and_huge_bodies_fault_without_buffering_them()
    {
        var limits = new SipParserLimits(1024, 64, 512, 2048);
        using var framer = new SipStreamFramer(limits);
        framer.Append("OPTIONS sip:a@b SIP/2.0\r\n"u8);
        for (var i = 0; i < 200 && !framer.IsFaulted; i++)
        {
            framer.Append("X-Flood: aaaaaaaaaaaaaaaaaaaa\r\n"u8);
            framer.TryRead(out _, out _);
        }
        Assert.True(framer.IsFaulted);
        Assert.Equal(SipFramerStatus.Error, framer.TryRead(out _, out var error));
        Assert.Equal(SipParseErrorKind.HeaderSectionTooLarge, error!.Kind);
        Assert.Equal(0, framer.BufferedBytes);

        using var second = new SipStreamFramer(limits);
        second.Append(Messages.Bytes(Messages.Request().Replace("Content-Length: 0", "Content-Length: 1000000000")));
        Assert.Equal(SipFramerStatus.Error, second.TryRead(out _, out var big));
        Assert.Equal((513, true), (big!.StatusCode, second.IsFaulted));
    }

    [Fact]
    public void Dispose_makes_further_use_fail()
    {
        var framer = new SipStreamFramer();
        framer.Dispose();
        framer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => framer.Append("x"u8));
    }
}
