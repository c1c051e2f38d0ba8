using MixLab.Curation.Quality;
using MixLab.Documents;
using static MixLab.Tests.Curation.Quality.QualityTestText;

namespace MixLab.Tests.Curation.Quality;

/// <summary>Curation spec §7.1 rows R1-R3 plus paragraph rules; expected values computed by hand in the comments.</summary>
public sealed class GopherRepetitionFilterTests
{
    private static string? Run(string text, GopherRepetitionOptions? options = null)
    {
        var r = new GopherRepetitionFilter(options).Process(new Document("d", text));
        return r.Keep ? null : r.Reason;
    }

    private static string LongLine(int i, int words = 8) => Join(Words(words, offset: i * words));

    [Fact]
    public void R1_DuplicateLines_FourOfTenDropped_ThreeOfTenKept()
    {
        // 5 long lines + "ok" + 4 repeats: 4 / 10 = 0.4 > 0.3; duplicated chars 8 / 254 stay small.
        var drop = Enumerable.Range(0, 5).Select(i => LongLine(i)).Concat(Enumerable.Repeat("ok", 5));
        Assert.Equal("dup_line_frac", Run(string.Join('\n', drop)));
        // 6 long lines + "ok" + 3 repeats: 3 / 10 = 0.3, not above.
        var keep = Enumerable.Range(0, 6).Select(i => LongLine(i)).Concat(Enumerable.Repeat("ok", 4));
        Assert.Null(Run(string.Join('\n', keep)));
    }

    [Fact]
    public void R1_LongDuplicatedLines_TriggerTheCharFraction()
    {
        // A 95-char line 3 times among 10 lines: 2 / 10 = 0.2 duplicate lines, but 190 / 413 chars = 0.46.
        string big = LongLine(0, 16);
        var lines = new List<string> { big, LongLine(10, 3), big, LongLine(11, 3), big };
        lines.AddRange(Enumerable.Range(12, 5).Select(i => LongLine(i, 3)));
        Assert.Equal("dup_line_char_frac", Run(string.Join('\n', lines)));
    }

    [Fact]
    public void Lines_SplitOnRunsOfNewlines()
    {
        // 10 distinct lines separated by blank lines: splitting on runs of \n gives 10 lines and no duplicate; a plain
        // split on \n would add 9 empty lines, 8 of them duplicates (8 / 19 = 0.42 > 0.3).
        var lines = Enumerable.Range(0, 10).Select(i => LongLine(i));
        Assert.Null(Run(string.Join("\n\n", lines)));
        // Repeated lines separated by blank runs are still duplicates: 5 of 12 lines repeat "same line".
        var mixed = Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? "same line" : LongLine(i));
        var options = new GopherRepetitionOptions { DupParaFrac = null, DupParaCharFrac = null };
        Assert.Equal("dup_line_frac", Run(string.Join("\n\n\n", mixed), options));
    }

    [Fact]
    public void Paragraphs_SplitOnTwoOrMoreNewlinesOfTheStrippedText()
    {
        string p1 = LongLine(0), p2 = LongLine(1);
        // P1, P2, P1: 1 / 3 = 0.33 > 0.3.
        Assert.Equal("dup_para_frac", Run($"{p1}\n\n{p2}\n\n\n{p1}"));
        // Leading and trailing blank lines are stripped first, so they make no empty duplicate paragraphs.
        var options = new GopherRepetitionOptions { DupParaFrac = 0.01 };
        // (Long paragraphs: in a short text even a single 4-gram exceeds 16 % of the chars.)
        string q1 = LongLine(2, 40), q2 = LongLine(3, 40);
        Assert.Null(Run($"\n\n{q1}\n\n{q2}\n\n", options));
        Assert.Equal("top_4_gram", Run($"\n\n{p1}\n\n{p2}\n\n", options)); // 23 / 100 > 0.16
    }

    [Theory]
    [InlineData(26, "top_2_gram")] // 7 × 10 / 349 = 0.2006 > 0.2
    [InlineData(27, null)]         // 7 × 10 / 359 = 0.195
    public void R2_TopBigram(int fillerLength, string? expected)
    {
        var parts = Enumerable.Range(0, 10).Select(i => "big cat " + Word(i, fillerLength));
        Assert.Equal(expected, Run(Join(parts)));
    }

    [Fact]
    public void R3_DuplicatedFiveGrams_WithSkipAhead()
    {
        // Phrase of 10 five-letter words, filler, phrase again. 5-grams repeat at phrase words 0 and 5: 50 chars.
        string Text(int filler) => Join(Words(10).Concat(Words(filler, offset: 100)).Concat(Words(10)));
        Assert.Equal("duplicated_5_n_grams", Run(Text(35))); // 50 / 329 = 0.152 > 0.15
        // 50 / 335 = 0.149 passes; 6..8-grams 30, 35, 40 chars pass (0.090, 0.104, 0.119); the 9-gram repeats once,
        // then skips 9 tokens: 45 / 335 = 0.134 > 0.11.
        Assert.Equal("duplicated_9_n_grams", Run(Text(36)));
    }

    [Fact]
    public void TopNGram_TiesGoToTheNGramSeenFirst()
    {
        // "aa bb" and "cccccc dddddd" both occur twice; Counter.most_common keeps the first one: 5 × 2 = 10 of 39
        // chars (0.26) instead of 13 × 2 = 26 (0.67).
        var options = new GopherRepetitionOptions { TopNGrams = [new NGramThreshold(2, 0.3)], DupNGrams = [] };
        Assert.Null(Run("aa bb aa bb cccccc dddddd cccccc dddddd", options));
        Assert.Equal("top_2_gram", Run("cccccc dddddd cccccc dddddd aa bb aa bb", options));
    }

    [Fact]
    public void DuplicatedNGrams_CompareTheTokensJoinedWithoutSpaces()
    {
        // "ab c d e f" and "a bc d e f" are the same 5-gram once joined without spaces: 6 / 21 = 0.29 > 0.2.
        var options = new GopherRepetitionOptions { TopNGrams = [], DupNGrams = [new NGramThreshold(5, 0.2)] };
        Assert.Equal("duplicated_5_n_grams", Run("ab c d e f a bc d e f", options));
        Assert.Null(Run("ab c d e f a bx d e f", options));
    }

    [Fact]
    public void Options_OverrideNGramThresholds()
    {
        string text = Join(Words(10).Concat(Words(35, offset: 100)).Concat(Words(10)));
        Assert.Null(Run(text, new GopherRepetitionOptions { DupNGrams = [new NGramThreshold(5, 0.2)] }));
        Assert.Equal("duplicated_10_n_grams", Run(text, new GopherRepetitionOptions { DupNGrams = [new NGramThreshold(10, 0.1)] }));
    }

    [Fact]
    public void NGram_rules_agree_with_a_string_based_reference_on_random_texts()
    {
        // datatrove's find_top_duplicate and find_all_duplicate written plainly over token strings, against the hashed
        // passes and the skipped top-n passes (a rule is skipped only when a bound shows it cannot fire). Small
        // vocabularies make every rule fire on some texts.
        var options = new GopherRepetitionOptions { DupLineFrac = null, DupParaFrac = null, DupLineCharFrac = null, DupParaCharFrac = null };
        string[] vocabulary = ["a", "to", "the", "cat", "ab", "c", "abc", "longerword", "x", "sat,", "mat.", "on", "bc"];
        var rng = new Random(23);
        var fired = new HashSet<string?>();
        for (int trial = 0; trial < 3000; trial++)
        {
            int words = rng.Next(1, 120), width = rng.Next(2, vocabulary.Length + 1);
            string text = string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[rng.Next(width)]));
            string? expected = Reference(text, options);
            fired.Add(expected);
            Assert.True(expected == Run(text, options), $"{text}: expected {expected ?? "keep"}");
        }
        foreach (var reason in new[] { "top_2_gram", "top_3_gram", "top_4_gram", "duplicated_5_n_grams", null })
            Assert.Contains(reason, fired);

        static string? Reference(string text, GopherRepetitionOptions o)
        {
            var tokens = WordTokenizer.TokenizeToStrings(text);
            double length = text.Length;
            foreach (var rule in o.TopNGrams)
            {
                int n = rule.N;
                if (tokens.Count < n) continue;
                var counts = new Dictionary<string, int>();
                var order = new List<string>();
                for (int i = 0; i + n <= tokens.Count; i++)
                {
                    string gram = string.Join(' ', tokens.GetRange(i, n));
                    if (!counts.TryAdd(gram, 1)) counts[gram]++;
                    else order.Add(gram);
                }
                string top = order.OrderByDescending(g => counts[g]).First(); // stable: ties keep first-seen order
                if (top.Length * counts[top] / length > rule.Fraction) return $"top_{n}_gram";
            }
            foreach (var rule in o.DupNGrams)
            {
                int n = rule.N, idx = 0;
                long repeated = 0;
                var seen = new HashSet<string>();
                while (idx < tokens.Count - n + 1)
                {
                    string gram = string.Concat(tokens.GetRange(idx, n));
                    if (seen.Contains(gram)) { repeated += gram.Length; idx += n; }
                    else { seen.Add(gram); idx++; }
                }
                if (repeated / length > rule.Fraction) return $"duplicated_{n}_n_grams";
            }
            return null;
        }
    }

    [Fact]
    public void EmptyText_IsKept_AndNameIsStable()
    {
        Assert.Null(Run(""));
        Assert.Equal("gopher_repetition", new GopherRepetitionFilter().Name);
    }
}
