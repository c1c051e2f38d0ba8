using MixLab.Training;

namespace MixLab.Training.Tests;

/// <summary>The feedback paths the baselines need: DoReMi's reference-model losses and DoGE's gradient alignment.</summary>
public class PolicyFeedbackTests
{
    [Fact]
    public void Doremi_uses_a_reference_checkpoint_and_moves_its_weights()
    {
        var dir = TrainingFixtures.TempDir("doremi");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 20);
        var refDir = Path.Combine(dir, "reference");
        using (var reference = new Trainer(TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus, steps: 10)), refDir)) reference.Run();
        var yaml = TrainingFixtures.TinyYaml(corpus, steps: 6, policy: "doremi", extra: $"  reference_checkpoint: {refDir}\n  doremi: {{ mu: 1.0 }}");
        using var trainer = new Trainer(TrainingFixtures.Config(dir, yaml), Path.Combine(dir, "proxy"));
        var r = trainer.Run();
        Assert.Equal(6, r.Cost.ReferenceSteps);
        Assert.Equal(6, r.Cost.Updates + r.Cost.SkippedUpdates);
        // The untrained proxy has a much higher loss than the reference on both domains, so α leaves uniform.
        Assert.NotEqual(0.5, r.Domains[0].FinalProportion, 6);
        Assert.Equal(1.0, r.Domains.Sum(d => d.FinalProportion), 9);
    }

    [Fact]
    public void Doremi_without_a_reference_checkpoint_is_a_config_error()
    {
        var dir = TrainingFixtures.TempDir("doremi-bad");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 5);
        var e = Assert.Throws<TrainingConfigException>(() => TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus, policy: "doremi")));
        Assert.Contains("reference_checkpoint", e.Message);
    }

    [Fact]
    public void Doge_gets_gradient_alignments_and_updates_every_step()
    {
        var dir = TrainingFixtures.TempDir("doge");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains, docs: 20);
        var yaml = TrainingFixtures.TinyYaml(corpus, steps: 5, policy: "doge", extra: "  doge: { mu: 0.01 }");
        using var trainer = new Trainer(TrainingFixtures.Config(dir, yaml), Path.Combine(dir, "out"));
        var r = trainer.Run();
        Assert.Equal(5, r.Cost.GradientSteps);
        Assert.Equal(5, r.Cost.Updates);
        Assert.Equal(1.0, r.Domains.Sum(d => d.FinalProportion), 9);
        Assert.NotEqual(0.5, r.Domains[0].FinalProportion, 6);
    }
}
