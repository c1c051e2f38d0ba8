using MixLab.Curation.Quality;

namespace MixLab.Tests.Curation.Quality;

public sealed class SentenceAndLineTests
{
    [Theory]
    [InlineData("Hello world. This is it! Right?", 3)]
    [InlineData("He said \"Stop.\" Then he left.", 2)]
    [InlineData("Wait... what is this", 1)]
    [InlineData("One (really.) Two.", 2)]
    [InlineData("No final punctuation here", 1)]
    [InlineData("Really?! Yes.", 2)]
    [InlineData("", 0)]
    public void SentenceCount_FollowsTheSentencizer(string text, int expected)
    {
        Assert.Equal(expected, SentenceSplitter.Count(text));
    }

    [Fact]
    public void SentenceSplit_GivesStrippedSentenceRanges()
    {
        const string text = "First one.  Second one! Third";
        var ranges = new List<(int Start, int Length)>();
        SentenceSplitter.Split(text, ranges);
        var sentences = ranges.Select(r => text.Substring(r.Start, r.Length)).ToArray();
        Assert.Equal(["First one.", "Second one!", "Third"], sentences);
    }

    [Fact]
    public void PySplitLines_BreaksOnAllPythonSeparators()
    {
        const string text = "a\rb\u2028c\r\nd\ve\u001cf\n\ng\n";
        var lines = new List<string>();
        foreach (var (s, l) in new PySplitLines(text)) lines.Add(text.Substring(s, l));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "", "g"], lines);
        Assert.Empty(EnumerateLines(""));
    }

    private static List<string> EnumerateLines(string text)
    {
        var lines = new List<string>();
        foreach (var (s, l) in new PySplitLines(text)) lines.Add(text.Substring(s, l));
        return lines;
    }

    [Fact]
    public void PyText_StripAndLenFollowPython()
    {
        Assert.Equal("x", PyText.Strip("\x1f \u3000x\u2029\t").ToString());
        Assert.Equal(3, PyText.Len("a😀b"));
        Assert.Equal(2, PyText.Count("......", "..."));
        Assert.Equal(1, PyText.Count(".....", "..."));
    }
}
