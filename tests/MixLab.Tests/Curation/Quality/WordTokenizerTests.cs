using MixLab.Curation.Quality;

namespace MixLab.Tests.Curation.Quality;

public sealed class WordTokenizerTests
{
    // Expected splits follow spaCy's English rules as documented (special cases, prefixes, suffixes, infixes, URLs).
    [Theory]
    [InlineData("don't", "do|n't")]
    [InlineData("Can't stop.", "Ca|n't|stop|.")]
    [InlineData("won't dont", "wo|n't|do|nt")]
    [InlineData("I'm sure you're right", "I|'m|sure|you|'re|right")]
    [InlineData("we’ll see", "we|’ll|see")]
    [InlineData("cannot gonna", "can|not|gon|na")]
    [InlineData("John's car", "John|'s|car")]
    [InlineData("Hello, world!", "Hello|,|world|!")]
    [InlineData("(see this).", "(|see|this|)|.")]
    [InlineData("\"Quoted\" text", "\"|Quoted|\"|text")]
    [InlineData("“curly” quotes", "“|curly|”|quotes")]
    [InlineData("Wait... what", "Wait|...|what")]
    [InlineData("Wait…what", "Wait|…|what")]
    [InlineData("so...", "so|...")]
    [InlineData("well-known and/or", "well|-|known|and|/|or")]
    [InlineData("pages 10-20", "pages|10|-|20")]
    [InlineData("pi is 3.14 and 1,000,000", "pi|is|3.14|and|1,000,000")]
    [InlineData("costs $3.50 today", "costs|$|3.50|today")]
    [InlineData("ran 10km", "ran|10|km")]
    [InlineData("up 5%", "up|5|%")]
    [InlineData("#tag ##", "#|tag|#|#")]
    [InlineData("Mr. Smith e.g. here", "Mr.|Smith|e.g.|here")]
    [InlineData("end.Next", "end|.|Next")]
    [InlineData("the USA.", "the|USA|.")]
    [InlineData("a,b", "a|,|b")]
    [InlineData("(https://example.com/a-b/c?x=1).", "(|https://example.com/a-b/c?x=1|)|.")]
    [InlineData("mail john.doe@example.org.", "mail|john.doe@example.org|.")]
    [InlineData("www.example.co.uk/path", "www.example.co.uk/path")]
    [InlineData("  spaced\t\nout \u00a0 words ", "spaced|out|words")]
    public void Tokenize_FollowsSpacyEnglishRules(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), WordTokenizer.TokenizeToStrings(text));
    }

    [Fact]
    public void Fast_path_for_bracketed_and_quoted_words_gives_the_tokens_of_the_general_rules()
    {
        // Chunks of the shape the fast path takes, and near misses it must leave to the general loop: special-case
        // cores (cannot, gonna, dont, Im), dotted abbreviations, digits, apostrophes, a final '.', curly quotes.
        string[] prefixes = ["", "(", "((", "\"", "[", "{", "(\"", "'", "`", "“"];
        string[] cores = ["noun", "S", "cannot", "gonna", "dont", "Im", "e.g", "e.g.", "Mr", "Mr.", "x86", "1962", "10km", "3.14", "1,000", "Saul's", "wasn't", "y'all", "trail-neg", "Levi-Civita", "dont-care", "a-b", "x-", "-x", "a--b", "a-b-c", "a-9", "ÉtÉ", "a", "x.", "=", "|", "..", "¶", "é", "-", "+", "…", ""];
        string[] suffixes = ["", ")", "):", ")", ",", ";", "!?", "\"", "]", "}", ").", ".", "'s", "”", ")\","];
        var rng = new Random(11);
        var chunks = new List<string>();
        foreach (var p in prefixes) foreach (var c in cores) foreach (var x in suffixes) chunks.Add(p + c + x);
        string text = string.Join(' ', chunks.OrderBy(_ => rng.Next()));
        Assert.True(WordTokenizer.FastAffixPath);
        var fast = WordTokenizer.TokenizeToStrings(text);
        try
        {
            WordTokenizer.FastAffixPath = false;
            var general = WordTokenizer.TokenizeToStrings(text);
            Assert.Equal(general, fast);
        }
        finally
        {
            WordTokenizer.FastAffixPath = true;
        }
    }

    [Fact]
    public void Tokens_AreSpansIntoTheText()
    {
        const string text = "  Don't (stop) now.";
        using var buffer = new TokenBuffer();
        WordTokenizer.Tokenize(text, buffer);
        var spans = buffer.Span.ToArray();
        Assert.Equal(new TokenSpan(2, 2), spans[0]);   // "Do"
        Assert.Equal(new TokenSpan(4, 3), spans[1]);   // "n't"
        Assert.Equal(new TokenSpan(8, 1), spans[2]);   // "("
        Assert.Equal(7, spans.Length);
        Assert.Equal(text.Length - 1, spans[^1].Start); // "."
    }

    [Theory]
    [InlineData("#", true)]
    [InlineData("...", true)]
    [InlineData("—", true)]
    [InlineData("a", false)]
    [InlineData("3", false)]
    [InlineData("n't", false)]
    public void IsSymbolToken_MeansNoLetterOrDigit(string token, bool expected)
    {
        Assert.Equal(expected, WordTokenizer.IsSymbolToken(token));
    }

    [Fact]
    public void TokenCache_ReturnsTokensOfTheTextAsked()
    {
        string a = "one two three";
        string b = "four five";
        Assert.Equal(3, WordTokenCache.Get(a).Length);
        Assert.Equal(2, WordTokenCache.Get(b).Length);
        Assert.Equal(3, WordTokenCache.Get(a).Length);
        string c = new string("one two three".ToCharArray()) + " four"; // another reference
        Assert.Equal(4, WordTokenCache.Get(c).Length);
    }
}
