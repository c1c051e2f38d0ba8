using MixLab.Curation;
using MixLab.Curation.Dedup;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Dedup;

public class MvSentenceDedupTests
{
    // Sentences longer than 30 characters (each is 40+ characters).
    private static string S(int i) => $"The quick sentence number {i:D3} jumps over the lazy dog";

    private static MvSentenceDedupStep SentencesOnly() => new(new MvSentenceDedupOptions { DocumentFingerprint = false });

    private static StepResult Run(MvSentenceDedupStep step, params int[] sentences) =>
        step.Process(new Document("d", string.Join(". ", sentences.Select(S)) + "."));

    [Fact]
    public void Fixture_sentences_are_longer_than_30_chars()
    {
        Assert.All(Enumerable.Range(0, 20), i => Assert.True(S(i).Length > 30));
        Assert.Equal(4, MvSentenceDedupStep.SplitSentences(string.Join(". ", new[] { 1, 2, 3, 4 }.Select(S))).Count);
    }

    [Fact]
    public void MV2_all_four_seen_is_dropped()
    {
        var step = SentencesOnly();
        Assert.Equal(StepResult.Kept, Run(step, 1, 2));
        Assert.Equal(StepResult.Kept, Run(step, 3, 4));
        Assert.Equal(StepResult.Drop("seen_sentences"), Run(step, 4, 3, 2, 1));
    }

    [Fact]
    public void MV2_two_of_four_seen_is_kept_three_of_four_dropped()
    {
        var step = SentencesOnly();
        Assert.Equal(StepResult.Kept, Run(step, 1, 2));
        Assert.Equal(StepResult.Kept, Run(step, 1, 2, 5, 6)); // 2/4 = 0.5 < 0.75
        Assert.Equal(StepResult.Drop("seen_sentences"), Run(step, 1, 2, 5, 7)); // 3/4 = 0.75
    }

    [Fact]
    public void Short_sentences_do_not_count_and_repeats_are_unique()
    {
        var step = SentencesOnly();
        Assert.Equal(StepResult.Kept, Run(step, 1, 2, 3, 4));
        // 4 seen long sentences plus 4 new short ones (30 chars or fewer): still 4/4 seen.
        string shortOnes = "Short one here. Another short one. " + new string('x', 30) + ". Yes";
        Assert.Equal(30, new string('x', 30).Length);
        var d = new Document("e", string.Join(". ", new[] { 1, 2, 3, 4 }.Select(S)) + ". " + shortOnes);
        Assert.Equal(StepResult.Drop("seen_sentences"), step.Process(d));
        // A new 31-char sentence counts: 4 seen of 5 = 0.8, still dropped; two new ones: 4/6 kept.
        string n31 = new string('y', 31), m31 = new string('z', 31);
        Assert.Equal(StepResult.Kept, step.Process(new Document("f", string.Join(". ", new[] { 1, 2, 3, 4 }.Select(S)) + $". {n31}. {m31}")));
        // Repeating one seen sentence many times is still one unique sentence.
        Assert.Equal(StepResult.Kept, Run(step, 9, 9, 9, 1, 10, 11));
    }

    [Fact]
    public void Splits_on_mixtureVitae_boundaries()
    {
        string text = "alpha. beta? gamma! delta; epsilon| zeta\neta\r\ntheta。iota";
        var parts = MvSentenceDedupStep.SplitSentences(text).Select(r => text.Substring(r.Start, r.Length)).ToList();
        Assert.Equal(["alpha.", "beta?", "gamma!", "delta;", "epsilon|", "zeta", "eta", "theta。", "iota"], parts);
        Assert.Single(MvSentenceDedupStep.SplitSentences("version 1.2.3 is out"));
    }

    [Fact]
    public void Code_like_text_is_skipped()
    {
        var step = SentencesOnly();
        Assert.Equal(StepResult.Kept, Run(step, 1, 2, 3, 4));
        var code = new Document("c", string.Join(". ", new[] { 1, 2, 3, 4 }.Select(S)) + ". if (x) { y(); }");
        Assert.Equal(StepResult.Kept, step.Process(code));
        Assert.Equal(1, step.Stats["code_like_skipped"]);
    }

    [Fact]
    public void Short_documents_do_not_collide_on_an_empty_fingerprint()
    {
        // MixtureVitae's defect (spec §1.13 item 8): <= 21 tokens give an empty fingerprint and all collide.
        string a = "A short note about cats.";
        string b = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"w{i}"));
        Assert.Null(MvSentenceDedupStep.Fingerprint(a));
        Assert.Null(MvSentenceDedupStep.Fingerprint(b));
        // 25 tokens that share tokens 20-24: a 5-token fingerprint, equal for both, is below the floor of 10.
        string tail = " shared tail words here now";
        string c = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"c{i}")) + tail;
        string d = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"d{i}")) + tail;
        Assert.Equal(MvSentenceDedupStep.Fingerprint(c), MvSentenceDedupStep.Fingerprint(d));
        Assert.NotNull(MvSentenceDedupStep.Fingerprint(c));
        Assert.Null(MvSentenceDedupStep.Fingerprint(c, 10));
        var step = new MvSentenceDedupStep();
        foreach (var t in new[] { a, b, c, d })
            Assert.Equal(StepResult.Kept, step.Process(new Document("x", t)));
        Assert.Equal(4, step.Stats["empty_fingerprint"]);
    }

    [Fact]
    public void Same_fingerprint_is_dropped_and_follows_the_token_window()
    {
        string head = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"head{i}"));
        string body = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"Body{i}word,"));
        var step = new MvSentenceDedupStep();
        Assert.Equal(StepResult.Kept, step.Process(new Document("a", head + " " + body)));
        // Different first 20 tokens, same body with other punctuation, case and suffixes past 4 chars: same fingerprint.
        string head2 = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"other{i}"));
        string body2 = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"BODY{i}XYZ!"));
        Assert.Equal(MvSentenceDedupStep.Fingerprint(head + " " + body), MvSentenceDedupStep.Fingerprint(head2 + " " + body2));
        Assert.Equal(StepResult.Drop("seen_fingerprint"), step.Process(new Document("b", head2 + " " + body2)));
        // A different body is kept.
        Assert.Equal(StepResult.Kept, step.Process(new Document("c", head + " " + body.Replace("Body", "Text"))));
    }
}
