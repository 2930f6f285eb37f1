using CallFlow.Compiler.Symbols;
using CallFlow.Speech.Prompts;
using CallFlow.Vmp;

namespace CallFlow.Speech.Tests.Prompts;

public sealed class CatalogueTests
{
    private static readonly PromptCatalogue Catalogue = PromptCatalogue.BuiltIn;

    /// <summary>The languages translated in full (docs/speech.md); the others fall back along their chains.</summary>
    public static TheoryData<string> Translated => ["fr", "de", "es", "it", "nl", "pt"];

    [Fact]
    public void Every_system_prompt_a_flow_can_name_has_English_text()
    {
        var missing = SystemPrompts.All.Keys.Where(name => string.IsNullOrWhiteSpace(Catalogue.TextOf("en", name))).Order().ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void English_text_is_the_compilers_except_for_the_two_sounds()
    {
        foreach (var (name, text) in SystemPrompts.All)
        {
            if (text.Length == 0)
                Assert.True(GeneratedAudio.IsGenerated(Catalogue.TextOf("en", name)!), name);
            else
                Assert.Equal(text, Catalogue.TextOf("en", name));
        }
    }

    [Theory]
    [MemberData(nameof(Translated))]
    public void Translated_languages_have_every_spoken_system_prompt(string language)
    {
        var missing = SystemPrompts.All.Where(p => p.Value.Length > 0 && Catalogue.TextOf(language, p.Key) is null).Select(p => p.Key).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Other_catalogues_name_only_what_English_names_besides_their_own_pieces_and_templates()
    {
        // A typo in a translated name would never play: every name must be English's, a template, an ordinal
        // (German and Italian dates), or one of French's own number pieces.
        foreach (var language in Catalogue.Languages)
            foreach (var (name, _) in Catalogue.Entries(language))
                Assert.True(Catalogue.TextOf("en", name) is not null || name.StartsWith("template_", StringComparison.Ordinal)
                    || (language == "fr" && (name.StartsWith("num_", StringComparison.Ordinal) || name.StartsWith("time_", StringComparison.Ordinal))), $"{language}/{name} is not a name English has");
    }

    [Fact]
    public void Catalogues_exist_for_the_documented_languages_and_are_prompt_languages()
    {
        Assert.Equal(["de", "en", "enu", "es", "fr", "it", "nl", "pt"], Catalogue.Languages);
        Assert.All(Catalogue.Languages, l => Assert.True(PromptLanguages.All.ContainsKey(l)));
    }

    [Fact]
    public void US_English_inherits_British_text_and_says_pound_for_hash()
    {
        Assert.Equal("Welcome.", Catalogue.TextOf("enu", "welcome"));
        Assert.Equal("pound", Catalogue.TextOf("enu", "key_hash"));
        Assert.Equal("hash", Catalogue.TextOf("en", "key_hash"));
        Assert.DoesNotContain(Catalogue.Entries("enu"), e => e.Value.Contains("hash", StringComparison.Ordinal));
        Assert.Equal(Catalogue.Entries("en").Select(e => e.Key), Catalogue.Entries("enu").Select(e => e.Key));
        Assert.Null(Catalogue.TextOf("frc", "welcome")); // no catalogue: the library falls back to fr
        Assert.Empty(Catalogue.Entries("frc"));
    }

    [Fact]
    public void The_built_in_catalogue_is_the_stdlib_folder()
    {
        var folder = RepositoryPaths.Combine("stdlib", "prompts");
        var loaded = PromptCatalogue.Load(folder);
        foreach (var language in Catalogue.Languages)
            Assert.Equal(loaded.Entries(language), Catalogue.Entries(language));
    }

    [Theory]
    [InlineData("""{"language":"fr","prompts":{"Welcome":"x"}}""", "fr.json", "'Welcome' is not a prompt name")]
    [InlineData("""{"language":"xx","prompts":{}}""", "xx.json", "'xx' is not a prompt language")]
    [InlineData("""{"language":"de","prompts":{}}""", "fr.json", "must be named de.json")]
    [InlineData("""{"language":"fr","prompts":{"a":1}}""", "fr.json", "the text of 'a' must be a string")]
    [InlineData("""{"language":"fr","inherits":"en","prompts":{}}""", "fr.json", "it inherits 'en', which has no catalogue")]
    [InlineData("""{"language":"fr",""", "fr.json", "not valid JSON")]
    public void A_malformed_catalogue_file_is_refused_with_its_name_and_problem(string json, string fileName, string problem)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, fileName), json);
        var error = Assert.Throws<InvalidDataException>(() => PromptCatalogue.Load(folder.Path));
        Assert.Contains(fileName, error.Message);
        Assert.Contains(problem, error.Message);
    }
}
