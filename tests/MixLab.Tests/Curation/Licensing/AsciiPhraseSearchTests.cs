using System.Buffers;
using MixLab.Curation.Licensing;

namespace MixLab.Tests.Curation.Licensing;

public sealed class AsciiPhraseSearchTests
{
    private static readonly string[] Phrases = ["all rights reserved", "cc by", "cc0", "creative commons", "is in the public domain", "cc-by"];

    // The reference: .NET's own multi-string search with the same comparison.
    private static int Reference(string text, int from, int to) =>
        text.AsSpan(from, to - from).IndexOfAny(SearchValues.Create(Phrases, StringComparison.OrdinalIgnoreCase)) is var r && r >= 0 ? from + r : -1;

    [Theory]
    [InlineData("nothing here at all", -1)]
    [InlineData("Copyright 2020. ALL Rights Reserved.", 16)]
    [InlineData("Licensed CC0, also cc by 4.0", 9)]
    [InlineData("cc-by", 0)]
    [InlineData("xx cc", -1)]
    [InlineData("c\u00e9 cc\u00a00 Cc0", 8)]
    public void Finds_the_leftmost_phrase_ignoring_ascii_case(string text, int expected)
    {
        var search = new AsciiPhraseSearch(Phrases);
        Assert.Equal(expected, search.IndexOf(text, 0, text.Length));
        Assert.Equal(Reference(text, 0, text.Length), search.IndexOf(text, 0, text.Length));
    }

    [Fact]
    public void A_phrase_must_end_inside_the_range()
    {
        var search = new AsciiPhraseSearch(Phrases);
        const string text = "see cc0 and cc by";
        Assert.Equal(4, search.IndexOf(text, 0, text.Length));
        Assert.Equal(-1, search.IndexOf(text, 0, 6));   // "cc0" would end at 7
        Assert.Equal(12, search.IndexOf(text, 5, text.Length));
    }

    [Fact]
    public void Agrees_with_SearchValues_on_random_text_at_every_start()
    {
        var rng = new Random(7);
        string[] pieces = ["all ", "ALL rights ", "reserved", "cc", " by", "CC0", "-by", "creative ", "Commons", "public domain ", "is in the ", "\u00e9", "x", " "];
        for (int round = 0; round < 200; round++)
        {
            var text = string.Concat(Enumerable.Range(0, 30).Select(_ => pieces[rng.Next(pieces.Length)]));
            var search = new AsciiPhraseSearch(Phrases);
            for (int from = 0; from < text.Length; from += 7)
                Assert.Equal(Reference(text, from, text.Length), search.IndexOf(text, from, text.Length));
        }
    }
}
