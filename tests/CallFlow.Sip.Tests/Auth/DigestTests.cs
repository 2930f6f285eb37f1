using CallFlow.Sip.Auth;

namespace CallFlow.Sip.Tests.Auth;

/// <summary>Digest challenges read and answered as the RFCs' own examples show.</summary>
public sealed class DigestTests
{
    [Fact]
    public void The_RFC_2617_example_gives_its_response()
    {
        // RFC 2617 §3.5.
        Assert.True(DigestChallenge.TryParse("""
            Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """, out var challenge));
        Assert.Equal(new[] { "auth", "auth-int" }, challenge.Qop.ToArray());
        var header = DigestAuthorization.Create(challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b", 1);
        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", header, StringComparison.Ordinal);
        Assert.Contains("qop=auth, nc=00000001", header, StringComparison.Ordinal);
        Assert.Contains("cnonce=\"0a4f113b\"", header, StringComparison.Ordinal);
        Assert.Contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void The_RFC_7616_examples_give_their_responses(string algorithm, string response)
    {
        // RFC 7616 §3.9.1.
        Assert.True(DigestChallenge.TryParse($"""
            Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """, out var challenge));
        var header = DigestAuthorization.Create(challenge, "GET", "/dir/index.html", "Mufasa", "Circle of Life", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
        Assert.Contains($"response=\"{response}\"", header, StringComparison.Ordinal);
        Assert.Contains($"algorithm={algorithm}", header, StringComparison.Ordinal);
    }

    [Fact]
    public void A_challenge_without_qop_is_answered_in_the_RFC_2069_form()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"pbx\", nonce=\"abc\"", out var challenge));
        var header = DigestAuthorization.Create(challenge, "INVITE", "sip:300@192.0.2.1", "callflow", "secret", "ignored", 1);
        Assert.DoesNotContain("qop", header, StringComparison.Ordinal);
        Assert.DoesNotContain("cnonce", header, StringComparison.Ordinal);
        Assert.StartsWith("Digest username=\"callflow\", realm=\"pbx\", nonce=\"abc\", uri=\"sip:300@192.0.2.1\", response=\"", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest realm=\"x\"")]                     // no nonce
    [InlineData("Digest realm=\"x, nonce=\"abc\"")]        // an unterminated quote swallows the rest
    [InlineData("Digest nonce=\"abc\"")]                    // no realm
    [InlineData("Digest =\"abc\"")]
    public void Other_schemes_and_broken_challenges_are_not_read(string? header) =>
        Assert.False(DigestChallenge.TryParse(header, out _));

    [Fact]
    public void An_unknown_algorithm_is_not_supported()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256", out var challenge));
        Assert.False(DigestAuthorization.Supports(challenge));
        Assert.Throws<NotSupportedException>(() => DigestAuthorization.Create(challenge, "INVITE", "sip:a@b", "u", "p", "c", 1));
    }
}
