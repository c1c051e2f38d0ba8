using MixLab.Curation.Quality;
using MixLab.Documents;
using static MixLab.Tests.Curation.Quality.QualityTestText;

namespace MixLab.Tests.Curation.Quality;

/// <summary>Curation spec §7.1 rows G1-G8, each on both sides of its threshold.</summary>
public sealed class GopherQualityFilterTests
{
    private static string? Run(string text, GopherQualityOptions? options = null)
    {
        var r = new GopherQualityFilter(options).Process(new Document("d", text));
        return r.Keep ? null : r.Reason;
    }

    private static string Doc(int distinctWords, params string[] extra) => Join(extra.Concat(Words(distinctWords)));

    [Fact]
    public void G1_ShortDoc_49WordsDropped_50Kept()
    {
        Assert.Equal("gopher_short_doc", Run(Doc(47, "the", "and")));
        Assert.Null(Run(Doc(48, "the", "and")));
    }

    [Fact]
    public void G1_PunctuationTokensDoNotCountAsWords()
    {
        // 49 words plus 10 "," tokens: still 49 non-symbol words.
        var words = Words(47).Select((w, i) => i < 10 ? w + "," : w);
        Assert.Equal("gopher_short_doc", Run(Join(new[] { "the", "and" }.Concat(words))));
    }

    [Fact]
    public void G2_LongDoc_100001WordsDropped()
    {
        Assert.Equal("gopher_long_doc", Run(Join(Enumerable.Repeat("alpha", 100_001))));
        Assert.Null(Run(Join(new[] { "the", "and" }.Concat(Enumerable.Repeat("alpha", 99_998)))));
    }

    [Fact]
    public void G3_MeanWordLength_BelowThreeDropped_ExactlyThreeKept()
    {
        Assert.Equal("gopher_below_avg_threshold", Run(Join(new[] { "the", "and" }.Concat(Enumerable.Repeat("ab", 58)))));
        Assert.Null(Run(Join(new[] { "the", "and" }.Concat(Enumerable.Repeat("abc", 58)))));
        Assert.Equal("gopher_above_avg_threshold", Run(Join(new[] { "the", "and" }.Concat(Words(58, length: 12)))));
    }

    [Fact]
    public void G4_Hashes_12Of112Dropped_11Of111Kept()
    {
        string With(int hashes) => Join(new[] { "the", "and" }.Concat(Words(98)).Concat(Enumerable.Repeat("#", hashes)));
        Assert.Equal("gopher_too_many_hashes", Run(With(12)));   // 12 / 112 = 0.107
        Assert.Null(Run(With(11)));                               // 11 / 111 = 0.099
    }

    [Fact]
    public void Ellipsis_CountedInTextOverAllTokens()
    {
        // 60 words + 7 "..." tokens: 7 / 67 = 0.104 > 0.1; 6 / 66 = 0.0909.
        string With(int n) => Join(Enumerable.Repeat("...", n).Concat(new[] { "the", "and" }).Concat(Words(58)));
        Assert.Equal("gopher_too_many_ellipsis", Run(With(7)));
        Assert.Null(Run(With(6)));
    }

    private static string Lines(int count, Func<int, string, string> decorate)
    {
        var lines = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var words = Words(6, offset: i * 6);
            if (i == 0) { words[0] = "the"; words[1] = "and"; }
            lines.Add(decorate(i, Join(words)));
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public void G5_Bullets_AllTenDropped_NineOfTenKept()
    {
        Assert.Equal("gopher_too_many_bullets", Run(Lines(10, (i, l) => "- " + l)));
        Assert.Null(Run(Lines(10, (i, l) => i < 9 ? "  • " + l : l)));
    }

    [Fact]
    public void G6_EndEllipsis_FourOfTenDropped_ThreeKept()
    {
        Assert.Equal("gopher_too_many_end_ellipsis", Run(Lines(10, (i, l) => i < 4 ? l + "...  " : l)));
        Assert.Null(Run(Lines(10, (i, l) => i < 3 ? l + "…" : l)));
    }

    [Fact]
    public void G7_Alpha_21NumbersOf100Dropped_20Kept()
    {
        string With(int numbers) =>
            Join(new[] { "the", "and" }.Concat(Words(98 - numbers)).Concat(Enumerable.Range(0, numbers).Select(i => (10000 + i).ToString())));
        Assert.Equal("gopher_below_alpha_threshold", Run(With(21)));
        Assert.Null(Run(With(20)));
    }

    [Fact]
    public void AlphaRatio_CountsPunctuationTokens()
    {
        // 60 alphabetic words and 16 "," tokens: 60 / 76 = 0.789 < 0.8 although every word has a letter.
        var words = new[] { "the", "and" }.Concat(Words(58)).Select((w, i) => i < 16 ? w + "," : w);
        Assert.Equal("gopher_below_alpha_threshold", Run(Join(words)));
    }

    [Fact]
    public void G8_StopWords_OnlyTheDropped_TheAndOfKept_CaseSensitive()
    {
        Assert.Equal("gopher_enough_stop_words", Run(Doc(59, "the")));
        Assert.Null(Run(Doc(58, "the", "of")));
        Assert.Equal("gopher_enough_stop_words", Run(Doc(58, "The", "Of")));
    }

    [Fact]
    public void Options_OverrideAndDisableThresholds()
    {
        string short49 = Doc(47, "the", "and");
        Assert.Null(Run(short49, new GopherQualityOptions { MinDocWords = 40 }));
        Assert.Null(Run(short49, new GopherQualityOptions { MinDocWords = null }));
        Assert.Null(Run(Doc(59, "zebra"), new GopherQualityOptions { StopWords = ["zebra"], MinStopWords = 1 }));
        Assert.Equal("gopher_enough_stop_words", Run(Doc(58, "the", "of"), new GopherQualityOptions { MinStopWords = 3 }));
    }

    [Fact]
    public void Name_IsGopherQuality()
    {
        Assert.Equal("gopher_quality", new GopherQualityFilter().Name);
    }
}
