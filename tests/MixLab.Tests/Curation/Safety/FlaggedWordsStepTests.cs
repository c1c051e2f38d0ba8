using System.Text;
using MixLab.Curation;
using MixLab.Curation.Safety;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Safety;

public class FlaggedWordsStepTests
{
    // Every token below is longer than three characters and not a stop word, so each counts in the denominator:
    // a text of 100 tokens with k list words has ratio k/100 for that list (hand count).
    private static readonly string[] FlaggedPool = ["porn", "nude", "horny", "slut", "whore", "dildo"];
    private static readonly string[] MinorPool = ["child", "kids", "teen", "minor", "toddler", "infant"];

    private static string Filler(int i) => "fill" + (char)('a' + i / 26 % 26) + (char)('a' + i % 26);

    private static string Build(int total, int flagged, int minor = 0, int hate = 0)
    {
        var words = new List<string>();
        for (int i = 0; i < flagged; i++) words.Add(FlaggedPool[i % FlaggedPool.Length]);
        for (int i = 0; i < minor; i++) words.Add(MinorPool[i % MinorPool.Length]);
        for (int i = 0; i < hate; i++) words.Add("subhuman");
        for (int i = words.Count; i < total; i++) words.Add(Filler(i));
        // Interleave so that list words are not adjacent to each other (no multi-word phrase can form).
        var sb = new StringBuilder();
        int listCount = flagged + minor + hate;
        for (int i = 0; i < listCount; i++)
        {
            sb.Append(words[i]).Append(' ');
            if (listCount + i < total) sb.Append(words[listCount + i]).Append(' ');
        }
        for (int i = 2 * listCount; i < total; i++) sb.Append(words[i]).Append(' ');
        return sb.ToString();
    }

    private static StepResult Run(string text, string? source = null, string? url = null)
    {
        var d = new Document("d", text) { Source = source };
        if (url is not null) d.Metadata["url"] = url;
        return new FlaggedWordsStep().Process(d);
    }

    [Fact]
    public void Builder_gives_the_intended_counts()
    {
        var s = new FlaggedWordScorer().Score(Build(100, 6, 6));
        Assert.Equal(100, s.CountedTokens);
        Assert.Equal(6, s.Flagged);
        Assert.Equal(6, s.Minor);
        Assert.True(Build(100, 6, 6).Length < 1000);
    }

    [Fact]
    public void MV1_csam_rule_rejects_006_006_and_passes_006_004()
    {
        Assert.Equal(StepResult.Drop("csam_rule"), Run(Build(100, 6, 6)));
        Assert.Equal(StepResult.Kept, Run(Build(100, 6, 4)));
        // Boundary of the strict ">": exactly 0.05 / 0.06 passes.
        Assert.Equal(StepResult.Kept, Run(Build(100, 5, 6)));
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void Flagged_ratio_threshold_02(int flagged, bool kept)
    {
        var r = Run(Build(100, flagged));
        Assert.Equal(kept ? StepResult.Kept : StepResult.Drop("flagged_words_ratio"), r);
    }

    [Theory]
    [InlineData(21, true)]
    [InlineData(25, true)]
    [InlineData(26, false)]
    public void Wikipedia_uses_025(int flagged, bool kept)
    {
        var r = Run(Build(100, flagged), source: "wikipedia/en");
        Assert.Equal(kept ? StepResult.Kept : StepResult.Drop("flagged_words_ratio"), r);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Hate_ratio_threshold_01(int hate, bool kept)
    {
        var r = Run(Build(100, 0, 0, hate));
        Assert.Equal(kept ? StepResult.Kept : StepResult.Drop("hate_words_ratio"), r);
    }

    [Fact]
    public void Flagged_and_hate_combined_rule()
    {
        Assert.Equal(StepResult.Drop("flagged_and_hate_words"), Run(Build(100, 6, 0, 6)));
        Assert.Equal(StepResult.Kept, Run(Build(100, 6, 0, 5)));
        Assert.Equal(StepResult.Kept, Run(Build(100, 5, 0, 6)));
    }

    [Fact]
    public void Exempt_urls_are_not_screened()
    {
        string text = Build(100, 50);
        Assert.Equal(StepResult.Drop("flagged_words_ratio"), Run(text, url: "https://example.net/a"));
        Assert.Equal(StepResult.Kept, Run(text, url: "https://www.gutenberg.org/ebooks/1"));
        Assert.Equal(StepResult.Kept, Run(text, url: "https://data.gov.uk/x"));
    }

    [Fact]
    public void Stop_words_and_short_words_are_not_in_the_denominator()
    {
        var s = new FlaggedWordScorer().Score("Porn that with the cat fillaa, THIS would");
        Assert.Equal(2, s.CountedTokens); // "porn", "fillaa"
        Assert.Equal(1, s.Flagged);
        Assert.Equal(0.5, s.FlaggedRatio);
    }

    [Fact]
    public void Multi_word_entries_match_greedily_once()
    {
        var s = new FlaggedWordScorer().Score("anal sex fillaa");
        Assert.Equal(1, s.Flagged); // "anal sex" as one phrase, not "anal" + "sex"
        var m = new FlaggedWordScorer().Score("little girls fillaa fillab");
        Assert.Equal(1, m.Minor);
    }

    [Fact]
    public void Scores_agree_with_a_plain_greedy_longest_first_reference()
    {
        // Lists with overlapping phrases (a phrase inside a longer one, a word in two lists, a stop word that is also
        // an entry) and random texts drawn from their words: the shared per-token lookup must count as the rule says.
        string[] flagged = ["red", "red fox", "red fox jumps", "blue sky", "sky"];
        string[] minor = ["fox", "young fox", "red"];
        string[] hate = ["jumps over", "over", "lazy dog"];
        string[] stops = ["the", "over", "with"];
        var scorer = new FlaggedWordScorer(flagged, minor, hate, stops, windowChars: 100_000);
        string[] vocabulary = ["red", "fox", "jumps", "over", "the", "lazy", "dog", "blue", "sky", "young", "with", "RED", "Fox,", "zzzz"];
        var rng = new Random(5);
        for (int trial = 0; trial < 500; trial++)
        {
            string text = string.Join(' ', Enumerable.Range(0, rng.Next(0, 30)).Select(_ => vocabulary[rng.Next(vocabulary.Length)]));
            var words = text.ToLowerInvariant().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            var expected = new FlaggedWordScores(
                words.Count(w => w.Length > 3 && !stops.Contains(w)),
                Greedy(words, flagged), Greedy(words, minor), Greedy(words, hate));
            Assert.Equal(expected, scorer.Score(text));
        }

        static int Greedy(string[] words, string[] entries)
        {
            int matches = 0, i = 0, longest = entries.Max(e => e.Split(' ').Length);
            while (i < words.Length)
            {
                int taken = 0;
                for (int n = Math.Min(longest, words.Length - i); n >= 1 && taken == 0; n--)
                    if (entries.Contains(string.Join(' ', words[i..(i + n)]))) taken = n;
                if (taken > 0) { matches++; i += taken; }
                else i++;
            }
            return matches;
        }
    }

    [Fact]
    public void Only_the_first_window_is_screened()
    {
        string head = string.Join(' ', Enumerable.Range(0, 150).Select(Filler)); // 150 * 7 - 1 = 1049 chars
        Assert.True(head.Length > 1000);
        var s = new FlaggedWordScorer().Score(head + " porn porn porn");
        Assert.Equal(0, s.Flagged);
        Assert.Equal(1, new FlaggedWordScorer(windowChars: 5000).Score(head + " porn").Flagged);
    }

    [Fact]
    public void Word_list_file_replaces_built_in_list()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mixlab-flagged-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "# custom\nzorblax\n");
        try
        {
            var step = new FlaggedWordsStep(new FlaggedWordsOptions { FlaggedWordsFile = path });
            Assert.Equal(StepResult.Kept, step.Process(new Document("a", Build(100, 30))));
            string custom = string.Join(' ', Enumerable.Repeat("zorblax", 30).Concat(Enumerable.Range(0, 70).Select(Filler)));
            Assert.Equal(StepResult.Drop("flagged_words_ratio"), step.Process(new Document("b", custom)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
