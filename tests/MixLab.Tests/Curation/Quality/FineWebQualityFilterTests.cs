using MixLab.Curation.Quality;
using MixLab.Documents;
using static MixLab.Tests.Curation.Quality.QualityTestText;

namespace MixLab.Tests.Curation.Quality;

/// <summary>Curation spec §7.1 rows F1-F4 on both sides of the threshold, and FineWeb's '\n'-only line split.</summary>
public sealed class FineWebQualityFilterTests
{
    private static string? Run(string text, FineWebQualityOptions? options = null)
    {
        var r = new FineWebQualityFilter(options).Process(new Document("d", text));
        return r.Keep ? null : r.Reason;
    }

    /// <summary>Line i: six distinct five-letter words (35 chars), plus <paramref name="end"/>.</summary>
    private static string Line(int i, string end = ".") => Join(Words(6, offset: i * 6)) + end;

    [Fact]
    public void F1_LinePunctuation_11Of100Dropped_12Kept()
    {
        string Text(int withPunct) => string.Join('\n', Enumerable.Range(0, 100).Select(i => Line(i, i < withPunct ? "." : "")));
        Assert.Equal("line_punct_ratio", Run(Text(11)));
        Assert.Null(Run(Text(12)));
    }

    [Fact]
    public void F2_ShortLines_68PercentDropped_67Kept()
    {
        string Text(int shortLines) => string.Join('\n', Enumerable.Range(0, 100)
            .Select(i => i < shortLines ? Join(Words(2, offset: 1000 + 2 * i)) + "." : Line(i)));
        Assert.Equal("short_line_ratio", Run(Text(68)));
        Assert.Null(Run(Text(67)));
    }

    [Fact]
    public void F3_DuplicateLineChars_AboveOnePercentDropped()
    {
        // k distinct 36-char lines plus one line twice: 36 / (36 (k + 2)); k = 97 → 0.0101, k = 98 → 0.0100.
        string Text(int k) => string.Join('\n', Enumerable.Range(0, k).Select(i => Line(i)).Append(Line(500)).Append(Line(500)));
        Assert.Equal("char_dup_ratio", Run(Text(97)));
        Assert.Null(Run(Text(98)));
    }

    [Fact]
    public void F4_NewlinesPerWord_AboveThresholdDropped()
    {
        // 100 lines "<27 letters> is." (3 tokens, 31 chars); 19 lines get one more word: 99 / 319 = 0.310,
        // 30 lines: 99 / 330 = 0.3 (kept, the rule is strict).
        string Text(int extra) => string.Join('\n', Enumerable.Range(0, 100)
            .Select(i => Word(i, 27) + (i < extra ? " is very." : " is.")));
        Assert.Equal("list_ratio", Run(Text(19)));
        Assert.Null(Run(Text(30)));
    }

    [Fact]
    public void Lines_SplitOnNewlineOnly_SoCarriageReturnsCountAgainstPunctuation()
    {
        string crlf = string.Concat(Enumerable.Range(0, 20).Select(i => Line(i) + "\r\n"));
        Assert.Equal("line_punct_ratio", Run(crlf));
        Assert.Null(Run(crlf, new FineWebQualityOptions { LinePunctExcludeZero = true }));
        Assert.Null(Run(crlf.Replace("\r\n", "\n")));
    }

    [Fact]
    public void GopherAndFineWeb_SplitLinesDifferently()
    {
        // Ten bullet lines separated by U+2028: ten lines for Gopher quality (splitlines), one for FineWeb.
        string text = string.Join('\u2028', Enumerable.Range(0, 10).Select(i => "- " + (i == 0 ? "the and " : "") + Line(i)));
        var gopher = new GopherQualityFilter().Process(new Document("d", text));
        Assert.Equal("gopher_too_many_bullets", gopher.Reason);
        Assert.Null(Run(text));
    }

    [Fact]
    public void BlankText_IsEmpty_AndNameIsStable()
    {
        Assert.Equal("empty", Run(" \n\t\n"));
        Assert.Equal("fineweb_quality", new FineWebQualityFilter().Name);
    }

    [Fact]
    public void Options_OverrideThresholds()
    {
        string text = string.Join('\n', Enumerable.Range(0, 100).Select(i => Line(i, i < 11 ? "." : "")));
        Assert.Null(Run(text, new FineWebQualityOptions { LinePunctThr = 0.1 }));
        Assert.Null(Run(text, new FineWebQualityOptions { LinePunctThr = 0.1, StopChars = "." }));
        Assert.Equal("line_punct_ratio", Run(text, new FineWebQualityOptions { LinePunctThr = 0.1, StopChars = "!" }));
    }
}
