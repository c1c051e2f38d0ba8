using MixLab.Curation.Quality;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Quality;

/// <summary>Curation spec §7.1 rows C1-C3 and C4's rewrite of kept text.</summary>
public sealed class C4QualityFilterTests
{
    private static readonly string[] Good =
    [
        "The first line is fine.",
        "The second line is fine too.",
        "A third line follows here!",
        "Is this the fourth line?",
        "The fifth line ends the text.",
    ];

    private static (string? Reason, Document Doc) Run(string text, C4QualityOptions? options = null)
    {
        var doc = new Document("d", text);
        var r = new C4QualityFilter(options).Process(doc);
        return (r.Keep ? null : r.Reason, doc);
    }

    [Fact]
    public void C3_FourSentencesDropped_FiveKept()
    {
        Assert.Equal("too_few_sentences", Run(string.Join('\n', Good[..4])).Reason);
        Assert.Null(Run(string.Join('\n', Good)).Reason);
    }

    [Fact]
    public void C3_SentencesAreCountedWithinALine()
    {
        string text = "One short sentence here. Another one follows it.\n" + string.Join('\n', Good[..3]);
        Assert.Null(Run(text).Reason); // 2 + 3 = 5
    }

    [Fact]
    public void C1_CurlyBracketInACheckedLineDropsTheDocument()
    {
        Assert.Equal("curly_bracket", Run(string.Join('\n', Good) + "\nSome code { x } here.").Reason);
        // A line dropped earlier (no terminal punctuation) cannot trigger the rule.
        Assert.Null(Run(string.Join('\n', Good) + "\nfunction f() {").Reason);
    }

    [Fact]
    public void C2_LoremIpsumInACheckedLineDropsTheDocument()
    {
        Assert.Equal("lorem_ipsum", Run("Lorem Ipsum dolor sit amet.\n" + string.Join('\n', Good)).Reason);
        Assert.Null(Run("Lorem ipsum.\n" + string.Join('\n', Good)).Reason); // two words: line dropped first
    }

    [Fact]
    public void KeptText_IsRewrittenLikeDatatrove()
    {
        string text =
            "  The first line is fine.  \n\n" +
            "\tThe second line[1] is fine too.\n" +
            "This page uses JavaScript a lot.\n" +
            "Please read our Privacy Policy today.\n" +
            "Too short.\n" +
            "No terminal punctuation on this line\n" +
            "A third [edit] line follows here!\n" +
            "Is this the fourth line[citation needed]?\n" +
            "The fifth line ends the text.\n" +
            "Ends with a citation after the period. [2]\n" +
            "Wait for it...\n";
        var (reason, doc) = Run(text);
        Assert.Null(reason);
        string expected = string.Join('\n',
            "The first line is fine.",
            "The second line is fine too.",
            "A third  line follows here!",
            "Is this the fourth line?",
            "The fifth line ends the text.");
        Assert.Equal(expected, doc.Text);
        Assert.Equal(["c4-line-rewrite"], doc.Transformations);
    }

    [Fact]
    public void Stats_CountLinesPerRule()
    {
        var filter = new C4QualityFilter();
        string text = string.Join('\n', Good) + "\nEnable javascript to continue now.\nWe use cookies on this site.\nNo.";
        Assert.True(filter.Process(new Document("d", text)).Keep);
        Assert.Equal(8, filter.Stats["line-total"]);
        Assert.Equal(5, filter.Stats["line-kept"]);
        Assert.Equal(1, filter.Stats["line-filter-javascript"]);
        Assert.Equal(1, filter.Stats["line-filter-policy"]);
        Assert.Equal(1, filter.Stats["line-filter-too_few_words"]);
    }

    [Fact]
    public void CleanText_IsNotMarkedAsRewritten()
    {
        string text = string.Join('\n', Good);
        var (reason, doc) = Run(text);
        Assert.Null(reason);
        Assert.Same(text, doc.Text);
        Assert.Empty(doc.Transformations);
    }

    [Fact]
    public void Options_SwitchRulesOff()
    {
        string noPunct = string.Join('\n', Good.Select(l => l.TrimEnd('.', '!', '?')));
        Assert.Equal("too_few_sentences", Run(noPunct).Reason);
        Assert.Null(Run(noPunct, new C4QualityOptions { FilterNoTerminalPunct = false }).Reason);
        Assert.Null(Run(string.Join('\n', Good[..4]), new C4QualityOptions { MinNumSentences = 4 }).Reason);
        Assert.Null(Run(string.Join('\n', Good) + "\nSome code { x } here.", new C4QualityOptions { FilterCurlyBracket = false }).Reason);
    }

    [Fact]
    public void WithoutParagraphSplit_SentencesAreUnitsJoinedBySpaces()
    {
        string text = string.Join("  ", Good) + " Tiny bit.";
        var (reason, doc) = Run(text, new C4QualityOptions { SplitParagraph = false });
        Assert.Null(reason);
        Assert.Equal(string.Join(' ', Good), doc.Text);
    }

    [Fact]
    public void Name_IsC4Quality()
    {
        Assert.Equal("c4_quality", new C4QualityFilter().Name);
    }
}
