using System.Text;

namespace CallFlow.Sip.Tests;

/// <summary>Field-level checks of the RFC 4475 valid messages: what each one is there to torture.</summary>
public sealed class TortureDetailTests
{
    private static SipMessage Parse(string name)
    {
        Assert.True(SipParser.TryParse(TortureCorpus.Load(name), out var message, out var error), $"{name}: {error}");
        return message;
    }

    [Fact]
    public void Wsinv_unfolds_and_reads_every_header()
    {
        var m = Parse("wsinv");
        Assert.Equal("INVITE", m.Method);
        Assert.Equal("vivekg", m.RequestUri!.User);
        Assert.True(m.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Null(m.To!.DisplayName);
        Assert.Equal("1918181833n", m.To.Tag);
        Assert.Equal("J Rosenberg \\\"", m.From!.DisplayName);
        Assert.Equal("98asjd8", m.From.Tag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(new SipCSeq(9, "INVITE"), m.CSeq);
        var vias = m.Vias!;
        Assert.Equal(3, vias.Count);
        Assert.Equal(("UDP", "192.0.2.2", "390skdjuw"), (vias[0].Transport, vias[0].Host, vias[0].Branch));
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (vias[1].Transport, vias[1].Host, vias[1].Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (vias[2].Transport, vias[2].Host, vias[2].Branch));
        Assert.False(vias[0].IsRfc3261Branch);
        Assert.Equal("", m.Headers.GetFirst("Subject"));
        Assert.Equal("newfangled value continued newfangled value", m.Headers.GetFirst("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.Headers.GetFirst("UnknownHeaderWithUnusualValue"));
        Assert.True(m.ContentType!.IsSdp);
        Assert.True(m.Routes![0].Uri.Parameters.Contains("lr"));
        var contact = Assert.Single(m.Contacts!);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal(150, m.Body.Length);
    }

    [Fact]
    public void Intmeth_keeps_unusual_characters()
    {
        var m = Parse("intmeth");
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri!.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Equal("BEL:\u0007 NUL:\0 DEL:\u007F", m.To!.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.To.Uri.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From!.DisplayName);
        Assert.Equal("работающий", m.From.Parameters.Get("fromParam''~+*_!.-%"));
        Assert.Equal("_token~1'+`*%!-.", m.From.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal(new SipCSeq(139122385, m.Method!), m.CSeq);
        Assert.Equal(255, m.MaxForwards);
        Assert.Equal("-.!%66*_+`'~".Insert(0, "z9hG4bK"), m.TopVia!.Branch);
        Assert.Equal("\uFEFF大停電", m.Headers.GetFirst("extensionHeader-!.%*+_`'~"));
    }

    [Fact]
    public void Esc01_unescapes_where_escaping_is_allowed()
    {
        var m = Parse("esc01");
        Assert.Equal("sips:user@example.com", m.RequestUri!.User);
        Assert.Equal("example.net", m.RequestUri.Host);
        Assert.Equal("user", m.To!.Uri.User);
        Assert.Equal("I have spaces", m.From!.Uri.User);
        var contact = Assert.Single(m.Contacts!).Uri;
        Assert.Equal("caller", contact.User);
        Assert.True(contact.Parameters.Contains("lr"));
        Assert.Equal("value%41", contact.Parameters.Get("name"));
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", m.CallId);
        Assert.Equal("application/sdp", m.ContentType!.MediaType);
    }

    [Fact]
    public void Escnull_keeps_nulls_and_registers_two_contacts()
    {
        var m = Parse("escnull");
        Assert.Equal("null-\0-null", m.To!.Uri.User);
        var contacts = m.Contacts!;
        Assert.Equal(2, contacts.Count);
        Assert.Equal("\0", contacts[0].Uri.User);
        Assert.Equal("\0\0", contacts[1].Uri.User);
        Assert.NotEqual(contacts[0].Uri, contacts[1].Uri);
    }

    [Fact]
    public void Esc02_percent_is_not_an_escape_outside_uris()
    {
        var m = Parse("esc02");
        Assert.Equal("RE%47IST%45R", m.Method);
        Assert.NotEqual(SipMethods.Register, m.Method);
        Assert.Equal("%Z%45", m.To!.DisplayName);
        Assert.Equal(["alias1", "alias3"], m.Contacts!.Select(c => c.Uri.User));
        Assert.Equal("<sip:alias2@host2.example.com>", m.Headers.GetFirst("C%6Fntact"));
        Assert.Equal("z9hG4bK209%fzsnel234", m.TopVia!.Branch);
    }

    [Fact]
    public void Lwsdisp_accepts_a_display_name_touching_the_bracket() => Assert.Equal("caller", Parse("lwsdisp").From!.DisplayName);

    [Fact]
    public void Longreq_handles_long_values_and_many_vias()
    {
        var m = Parse("longreq");
        Assert.Equal(34, m.Vias!.Count);
        Assert.Equal("sip33.example.com", m.Vias[0].Host);
        Assert.Equal("sip1.example.com", m.Vias[32].Host);
        Assert.Equal("192.0.2.5", m.Vias[33].Received);
        Assert.Equal(6000, m.To!.Uri.Port);
        Assert.Equal(3, m.To.Uri.Parameters.Count);
        Assert.Equal("12" + string.Concat(Enumerable.Repeat("982", 50)) + "424", m.From!.Tag);
        Assert.Equal(150, m.Body.Length);
        Assert.Equal(34, m.Headers.CountOf("v"));
    }

    [Fact]
    public void Dblreq_ignores_octets_after_the_body()
    {
        var m = Parse("dblreq");
        Assert.Equal(SipMethods.Register, m.Method);
        Assert.True(m.Body.IsEmpty);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
    }

    [Fact]
    public void Semiuri_user_part_holds_the_semicolon()
    {
        var m = Parse("semiuri");
        Assert.Equal("user;par=u@example.net", m.RequestUri!.User);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Empty(m.RequestUri.Parameters);
        Assert.Equal(6, m.Headers.GetValues("Accept").Count);
    }

    [Fact]
    public void Transports_reads_every_transport()
    {
        var m = Parse("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias!.Select(v => v.Transport));
    }

    [Fact]
    public void Mpart01_frames_a_binary_body_with_nulls()
    {
        var m = Parse("mpart01");
        Assert.Equal(553, m.Body.Length);
        Assert.Contains((byte)0, m.Body.ToArray());
        Assert.Equal("7a9cbec02ceef655", m.ContentType!.Parameters.Get("boundary"));
        Assert.True(m.TopVia!.HasRPort);
        Assert.Null(m.TopVia.RPort);
        Assert.Equal(5070, m.TopVia.Port);
        Assert.EndsWith("--7a9cbec02ceef655--\r\n", Encoding.Latin1.GetString(m.Body.Span));
    }

    [Fact]
    public void Unreason_keeps_a_utf8_reason_phrase()
    {
        var m = Parse("unreason");
        Assert.Equal(200, m.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
    }

    [Fact]
    public void Noreason_has_an_empty_reason_phrase()
    {
        var m = Parse("noreason");
        Assert.Equal(100, m.StatusCode);
        Assert.Equal("", m.ReasonPhrase);
    }

    [Fact]
    public void Application_layer_messages_parse_with_their_oddities()
    {
        Assert.Equal(SipUriScheme.Other, Parse("unkscm").RequestUri!.Kind);
        Assert.Equal("soap.beep", Parse("novelsc").RequestUri!.Scheme);
        var unksm2 = Parse("unksm2");
        Assert.Equal("isbn", unksm2.To!.Uri.Scheme);
        Assert.Equal("http", unksm2.From!.Uri.Scheme);
        Assert.Equal("name", unksm2.Contacts![0].Uri.Scheme);
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], Parse("bext01").Headers.GetValues("Require"));
        Assert.Equal(0, Parse("zeromf").MaxForwards);
        var cparam01 = Parse("cparam01").Contacts![0];
        Assert.True(cparam01.Parameters.Contains("unknownparam"));
        Assert.False(cparam01.Uri.Parameters.Contains("unknownparam"));
        var cparam02 = Parse("cparam02").Contacts![0];
        Assert.False(cparam02.Parameters.Contains("unknownparam"));
        Assert.True(cparam02.Uri.Parameters.Contains("unknownparam"));
        Assert.Equal("<sip:sip.example.com>", Parse("regescrt").Contacts![0].Uri.Headers.Get("Route"));
        Assert.Equal("z9hG4bK", Parse("badbranch").TopVia!.Branch);
        Assert.Equal("255.255.255.255", Parse("bcast").Vias![1].Host);
        var inv2543 = Parse("inv2543");
        Assert.Null(inv2543.MaxForwards);
        Assert.Null(inv2543.TopVia!.Branch);
        Assert.Equal(inv2543.Body.Length, Encoding.ASCII.GetByteCount("v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\nm=audio 49217 RTP/AVP 0\r\n"));
        Assert.Equal("application/unknownformat", Parse("invut").ContentType!.MediaType);
        Assert.Equal("NoOneKnowsThisScheme opaque-data=here", Parse("regaut01").Headers.GetFirst("Authorization"));
    }
}
