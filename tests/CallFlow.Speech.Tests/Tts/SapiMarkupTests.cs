using CsCheck;
using CallFlow.Speech.Tts;

namespace CallFlow.Speech.Tests.Tts;

public sealed class SapiMarkupTests
{
    private static readonly string[] Fragments =
    [
        "<spell>", "</spell>", "<emph>", "</emph>", "<volume level=\"50\">", "<volume level=\"20\"/>", "</volume>", "<rate speed=\"3\"/>",
        "<rate absspeed='-4'>", "</rate>", "<silence msec=\"100\"/>", "<pitch middle=\"-4\">", "</pitch>", "<audio src='x'/>", "<speak>",
        "</speak>", "a", "1", " ", "&", "<", ">", "&amp;", "&#60;", "\"", "'", "/", "=", "\0",
    ];

    [Theory]
    [InlineData("Hello.", "<speak>Hello.</speak>")]
    [InlineData("Dial <spell>3001</spell> now", "<speak>Dial <say-as interpret-as=\"characters\">3001</say-as> now</speak>")]
    [InlineData("One <silence msec=\"500\"/> two", "<speak>One <break time=\"500ms\"/> two</speak>")]
    [InlineData("<emph>Now</emph>", "<speak><emphasis>Now</emphasis></speak>")]
    [InlineData("<volume level=\"50\">quiet</volume> loud", "<speak><prosody volume=\"50%\">quiet</prosody> loud</speak>")]
    [InlineData("<rate absspeed=\"10\">fast</rate>", "<speak><prosody rate=\"300%\">fast</prosody></speak>")]
    [InlineData("<rate speed=\"-5\">slower</rate>", "<speak><prosody rate=\"58%\">slower</prosody></speak>")]
    [InlineData("<pitch absmiddle=\"10\">high</pitch>", "<speak><prosody pitch=\"141%\">high</prosody></speak>")]
    [InlineData("<partofsp part=\"noun\">record</partofsp>", "<speak>record</speak>")]
    [InlineData("<voice required=\"Gender=Female\">Hi</voice>", "<speak>Hi</speak>")]
    [InlineData("AT&amp;T &lt;3", "<speak>AT&amp;T &lt;3</speak>")]
    [InlineData("a < b & c > d", "<speak>a &lt; b &amp; c &gt; d</speak>")]
    [InlineData("<SPELL>ab</Spell>", "<speak><say-as interpret-as=\"characters\">ab</say-as></speak>")]
    public void Sapi_tags_become_the_ssml_espeak_ng_reads(string sapi, string ssml) =>
        Assert.Equal(ssml, SapiMarkup.ToSsml(sapi));

    [Fact]
    public void An_empty_tag_applies_to_the_rest_of_its_scope()
    {
        Assert.Equal("<speak>normal <prosody volume=\"20%\">quiet and still quiet</prosody></speak>",
            SapiMarkup.ToSsml("normal <volume level=\"20\"/>quiet and still quiet"));
        Assert.Equal("<speak><prosody rate=\"139%\">a </prosody><prosody rate=\"139%\" pitch=\"71%\">b</prosody><prosody rate=\"139%\"> c</prosody> d</speak>",
            SapiMarkup.ToSsml("<rate absspeed=\"3\">a <pitch absmiddle=\"-10\"/>b</rate><rate absspeed=\"3\"> c</rate> d"));
    }

    [Fact]
    public void Nested_tags_combine_and_unbalanced_ones_recover()
    {
        Assert.Equal("<speak><emphasis><say-as interpret-as=\"characters\">AB</say-as></emphasis> C</speak>",
            SapiMarkup.ToSsml("<emph><spell>AB</spell></emph> C"));
        // A close tag for something never opened is ignored; one closing an outer tag closes the inner ones too.
        Assert.Equal("<speak>x <emphasis><say-as interpret-as=\"characters\">y</say-as></emphasis> z</speak>", SapiMarkup.ToSsml("x </volume><emph><spell>y</emph> z"));
    }

    [Fact]
    public void Markup_a_variable_brings_in_cannot_reach_espeak_ng_as_markup()
    {
        var ssml = SapiMarkup.ToSsml("Hi <audio src=\"/etc/passwd\"/> there <break time=\"99999s\"/> <speak>x</speak> &lt;audio src='y'/&gt;");
        Assert.DoesNotContain("<audio", ssml);
        Assert.DoesNotContain("99999", ssml);
        Assert.Equal("<speak>Hi  there  x &lt;audio src='y'/&gt;</speak>", ssml);
    }

    [Fact]
    public void Silences_are_clamped_one_by_one_and_in_total()
    {
        Assert.Equal("<speak><break time=\"10000ms\"/></speak>", SapiMarkup.ToSsml("<silence msec=\"3600000\"/>"));
        var many = string.Concat(Enumerable.Repeat("<silence msec=\"10000\"/>", 20));
        Assert.Equal(6, SapiMarkup.ToSsml(many).Split("<break").Length - 1);
        Assert.Equal("<speak></speak>", SapiMarkup.ToSsml("<silence msec=\"-5\"/><silence/>"));
    }

    [Fact]
    public void Control_characters_are_spaces_and_blank_text_is_silent()
    {
        Assert.Equal("<speak>a b</speak>", SapiMarkup.ToSsml("a\0b"));
        Assert.True(SapiMarkup.IsSilent(SapiMarkup.ToSsml("   ")));
        Assert.True(SapiMarkup.IsSilent(SapiMarkup.ToSsml("<emph/><volume level=\"3\"/>")));
        Assert.False(SapiMarkup.IsSilent(SapiMarkup.ToSsml("<silence msec=\"200\"/>")));
    }

    [Fact]
    public void Any_input_gives_well_formed_ssml_with_only_known_elements() =>
        Gen.OneOf(Fragments).Array[0, 30].Select(string.Concat).Sample(text =>
        {
            var ssml = SapiMarkup.ToSsml(text);
            var document = System.Xml.Linq.XDocument.Parse(ssml);
            var names = document.Descendants().Select(e => e.Name.LocalName).Distinct();
            Assert.Subset(new HashSet<string>(["speak", "say-as", "break", "emphasis", "prosody"]), names.ToHashSet());
        });
}
