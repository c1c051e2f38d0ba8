using MixLab.Training;

namespace MixLab.Training.Tests;

/// <summary>Bad configs, missing domains and mismatched checkpoints give clear errors that name what to fix.</summary>
public class ConfigTests
{
    [Fact]
    public void Unknown_field_names_the_line()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 5);
        var yaml = TrainingFixtures.TinyYaml(corpus).Replace("  d_model: 32", "  d_modle: 32");
        var e = Assert.Throws<TrainingConfigException>(() => TrainingFixtures.Config(dir, yaml));
        Assert.Contains("line", e.Message);
        Assert.Contains("d_modle", e.Message);
    }

    [Fact]
    public void Heads_must_divide_the_width()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 5);
        var e = Assert.Throws<TrainingConfigException>(() => TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus).Replace("heads: 2", "heads: 5")));
        Assert.Contains("model.heads", e.Message);
    }

    [Fact]
    public void Unknown_policy_lists_the_known_ones()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 5);
        var e = Assert.Throws<TrainingConfigException>(() => TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus), new TrainOverrides { Policy = "magic" }));
        Assert.Contains("aioli", e.Message);
    }

    [Fact]
    public void A_listed_domain_without_documents_is_named()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 10);
        var yaml = TrainingFixtures.TinyYaml(corpus).Replace("  test_sequences: 4", "  test_sequences: 4\n  domains: [alpha, gamma]");
        var config = TrainingFixtures.Config(dir, yaml);
        using var trainer = new Trainer(config, Path.Combine(dir, "out"));
        var e = Assert.Throws<TrainingConfigException>(() => trainer.Run());
        Assert.Contains("'gamma'", e.Message);
        Assert.Contains("alpha (10)", e.Message);
    }

    [Fact]
    public void Resume_from_another_configs_checkpoint_is_refused()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 10);
        var outDir = Path.Combine(dir, "out");
        using (var first = new Trainer(TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus, steps: 4)), outDir)) first.Run();
        var other = TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus, steps: 4).Replace("lr: 1.0e-2", "lr: 2.0e-2"));
        using var second = new Trainer(other, outDir, new TrainerOptions { Resume = true });
        var e = Assert.Throws<TrainingConfigException>(() => second.Run());
        Assert.Contains("different config", e.Message);
        Assert.True(Directory.Exists(Path.Combine(outDir, "checkpoint")), "the refused resume must leave the checkpoint alone");
    }

    [Fact]
    public void Resume_without_a_checkpoint_says_so()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 5);
        using var trainer = new Trainer(TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus)), Path.Combine(dir, "empty"), new TrainerOptions { Resume = true });
        var e = Assert.Throws<TrainingConfigException>(() => trainer.Run());
        Assert.Contains("no checkpoint", e.Message);
    }

    [Fact]
    public void Config_hash_ignores_threads_but_not_the_policy()
    {
        var dir = TrainingFixtures.TempDir("cfg");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 5);
        var yaml = TrainingFixtures.TinyYaml(corpus);
        var a = TrainConfigLoader.Hash(TrainingFixtures.Config(dir, yaml));
        var b = TrainConfigLoader.Hash(TrainingFixtures.Config(dir, yaml.Replace("threads: 1", "threads: 2")));
        var c = TrainConfigLoader.Hash(TrainingFixtures.Config(dir, yaml, new TrainOverrides { Policy = "aioli" }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Learning_rate_warms_up_linearly_then_decays_to_the_minimum()
    {
        var o = new OptimizationOptions { Steps = 110, WarmupSteps = 10, Lr = 1.0, MinLr = 0.1 };
        Assert.Equal(0.1, LearningRateSchedule.At(0, o), 12);
        Assert.Equal(1.0, LearningRateSchedule.At(9, o), 12);
        Assert.Equal(1.0, LearningRateSchedule.At(10, o), 12);
        Assert.Equal(0.55, LearningRateSchedule.At(60, o), 12); // halfway through the cosine: (1 + 0.1) / 2
        Assert.Equal(0.1, LearningRateSchedule.At(110, o), 12);
    }

    [Fact]
    public void Byte_tokenizer_encodes_utf8_bytes()
    {
        var ids = new List<int>();
        new ByteTokenizer().Encode("aé", ids);
        Assert.Equal(new[] { 97, 0xC3, 0xA9 }, ids);
    }

    [Fact]
    public void Gpt2_tokenizer_loads_offline_and_round_trips_known_ids()
    {
        var ids = new List<int>();
        var t = new Gpt2Tokenizer();
        t.Encode("Hello world", ids);
        Assert.Equal(new[] { 15496, 995 }, ids); // GPT-2's ids for "Hello" and " world"
        Assert.Equal(50257, t.VocabSize);
    }
}
