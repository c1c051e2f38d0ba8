using MixLab.RunLogs;
using MixLab.Training;

namespace MixLab.Training.Tests;

/// <summary>End-to-end trainer behaviour on a tiny synthetic corpus: learning, determinism, resume, NaN handling, outputs.</summary>
public class TrainerTests
{
    private static TrainResult Train(string dir, string yaml, TrainerOptions? options = null, TrainOverrides? overrides = null, string outName = "out")
    {
        var config = TrainingFixtures.Config(dir, yaml, overrides);
        using var trainer = new Trainer(config, Path.Combine(dir, outName), options);
        return trainer.Run();
    }

    private static double[] Losses(string runlog) => File.ReadAllLines(runlog).Skip(1).Select(l => double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void A_few_steps_reduce_the_loss_on_repeated_text()
    {
        var dir = TrainingFixtures.TempDir("learn");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var r = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 40));
        var table = RunLogReader.Read(r.RunLogPath);
        Assert.Equal(8, table.RowCount); // evaluations at steps 10, 20, 30, 40 × 2 domains
        var losses = Losses(r.RunLogPath);
        Assert.True(losses[^1] < losses[0] && losses[^2] < losses[1], $"validation loss must fall: {string.Join(", ", losses)}");
        Assert.True(losses[^1] < Math.Log(257) * 0.6, $"final loss {losses[^1]} should be far below the uniform ln 257");
        Assert.Equal(40, r.Steps);
        Assert.Equal(40L * 8 * 32, r.Tokens);
        Assert.Equal(r.Tokens, r.Domains.Sum(d => d.TrainedTokens));
    }

    [Fact]
    public void Same_seed_gives_identical_losses_and_another_seed_does_not()
    {
        var dir = TrainingFixtures.TempDir("seed");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var yaml = TrainingFixtures.TinyYaml(corpus, steps: 20, policy: "aioli");
        var a = Train(dir, yaml, outName: "a");
        var b = Train(dir, yaml, outName: "b");
        var c = Train(dir, yaml, overrides: new TrainOverrides { Seed = 8 }, outName: "c");
        Assert.Equal(File.ReadAllText(a.RunLogPath), File.ReadAllText(b.RunLogPath));
        Assert.Equal(File.ReadAllText(a.ProportionsPath), File.ReadAllText(b.ProportionsPath));
        Assert.NotEqual(Losses(a.RunLogPath), Losses(c.RunLogPath));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_identically()
    {
        var dir = TrainingFixtures.TempDir("resume");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var yaml = TrainingFixtures.TinyYaml(corpus, steps: 40, policy: "aioli");
        var full = Train(dir, yaml, outName: "full");
        // Killed after 27 steps: the last checkpoint is the one at step 20, inside an Aioli round.
        var partial = Train(dir, yaml, new TrainerOptions { StopAfterSteps = 27 }, outName: "split");
        Assert.Equal(27, partial.Steps);
        var resumed = Train(dir, yaml, new TrainerOptions { Resume = true }, outName: "split");
        Assert.Equal(20, resumed.ResumedFromStep);
        Assert.Equal(File.ReadAllText(full.RunLogPath), File.ReadAllText(resumed.RunLogPath));
        Assert.Equal(File.ReadAllText(full.ProportionsPath), File.ReadAllText(resumed.ProportionsPath));
        Assert.Equal(full.Domains.Select(d => d.ValidationLoss), resumed.Domains.Select(d => d.ValidationLoss));
    }

    [Fact]
    public void A_non_finite_loss_skips_the_update_warns_and_the_run_finishes()
    {
        var dir = TrainingFixtures.TempDir("nan");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var warnings = new List<string>();
        var r = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 20, policy: "aioli"),
            new TrainerOptions { InjectNonFiniteLoss = s => s is 3 or 11, Warn = warnings.Add });
        Assert.Equal(2, r.SkippedSteps);
        Assert.Contains(warnings, w => w.Contains("step 4") && w.Contains("non-finite"));
        Assert.All(Losses(r.RunLogPath), l => Assert.True(double.IsFinite(l)));
        Assert.True(Directory.Exists(r.CheckpointPath));
        var props = File.ReadAllLines(r.ProportionsPath).Skip(1).Select(l => l.Split(',').Skip(1).Select(double.Parse).Sum());
        Assert.All(props, s => Assert.Equal(1.0, s, 9));
    }

    [Fact]
    public void Moe_model_trains_and_logs_experts_and_active_parameters()
    {
        var dir = TrainingFixtures.TempDir("moe");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var r = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 10, model: "  moe: { experts: 4, top_k: 2, shared_expert: true, aux_loss_coef: 0.01 }"));
        var table = RunLogReader.Read(r.RunLogPath);
        Assert.True(table.Has(RunLogColumns.Experts) && table.Has(RunLogColumns.ActiveParams) && table.Has(RunLogColumns.Flops));
        Assert.True(r.ActiveParameters < r.Parameters);
        Assert.All(Losses(r.RunLogPath), l => Assert.True(double.IsFinite(l)));
    }

    [Fact]
    public void Static_weights_that_do_not_sum_to_one_are_renormalised_with_a_warning()
    {
        var dir = TrainingFixtures.TempDir("static");
        var corpus = TrainingFixtures.WriteCorpus(dir, TrainingFixtures.TwoDomains);
        var warnings = new List<string>();
        var r = Train(dir, TrainingFixtures.TinyYaml(corpus, steps: 10, policy: "static", extra: "  static: { weights: { alpha: 3, beta: 1 }, interval_steps: 5 }"),
            new TrainerOptions { Warn = warnings.Add });
        Assert.Contains(warnings, w => w.Contains("renormalised"));
        Assert.Equal(0.75, r.Domains.Single(d => d.Domain == "alpha").FinalProportion, 12);
        // 10 steps × 8 samples, 3:1 → 60 alpha windows of 32 tokens.
        Assert.Equal(60L * 32, r.Domains.Single(d => d.Domain == "alpha").TrainedTokens);
    }
}
