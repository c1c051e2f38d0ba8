using MixLab.Training;

namespace MixLab.Training.Tests;

/// <summary><c>training.init_from</c>: continual pre-training starts from another run's weights, fresh otherwise.</summary>
public class InitFromTests
{
    private static TrainResult Train(string dir, string yaml, string outName)
    {
        var config = TrainingFixtures.Config(dir, yaml);
        using var trainer = new Trainer(config, Path.Combine(dir, outName));
        return trainer.Run();
    }

    private static double[] Losses(string runlog) => File.ReadAllLines(runlog).Skip(1)
        .Select(l => double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void A_run_initialised_from_a_trained_model_starts_where_that_model_ended()
    {
        var dir = TrainingFixtures.TempDir("init");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var base_ = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 40), "base");
        double baseFinal = Losses(base_.RunLogPath)[^2..].Average();

        var fresh = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 10), "fresh");
        var cpt = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 10, training: "  init_from: base"), "cpt");
        double freshFirst = Losses(fresh.RunLogPath)[..2].Average();
        double cptFirst = Losses(cpt.RunLogPath)[..2].Average();
        Assert.True(cptFirst < freshFirst - 0.3, $"initialised {cptFirst} vs fresh {freshFirst}");
        Assert.True(cptFirst < baseFinal + 0.3, $"initialised {cptFirst} vs the base run's final {baseFinal}");
        Assert.Equal(10, cpt.Steps);
    }

    [Fact]
    public void Another_model_shape_or_a_missing_folder_is_a_clear_error()
    {
        var dir = TrainingFixtures.TempDir("init-bad");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 5), "base");
        var wider = TrainingFixtures.TinyYaml(corpus, steps: 5, training: "  init_from: base").Replace("d_model: 32", "d_model: 64");
        var e = Assert.Throws<TrainingConfigException>(() => Train(dir, wider, "wide"));
        Assert.StartsWith("training.init_from:", e.Message);
        Assert.Contains("model shape", e.Message);
        var missing = Assert.Throws<TrainingConfigException>(() => TrainingFixtures.Config(dir, TrainingFixtures.TinyYaml(corpus, steps: 5, training: "  init_from: nowhere")));
        Assert.Contains("training.init_from", missing.Message);
    }
}
