using System.Text.Json.Nodes;
using MixLab.OnlineMixing;

namespace MixLab.Tests.OnlineMixing;

/// <summary>Spec §7 A.2 (normalisation, EGD, EMA bound), §7 F (cost bookkeeping), NaN handling and resume for Aioli.</summary>
public class AioliPolicyTests
{
    private static readonly double[][] FavourFirst = [[0.6, 0.1], [0.05, 0.2]];

    [Fact]
    public void NormalizeAShiftsOnlyWhenNegativeAndSumsToOne()
    {
        var n = MixingMath.NormalizeA([[2, 1], [1, 4]]);
        Assert.Equal(2.0 / 8, n[0][0], 12);
        Assert.Equal(4.0 / 8, n[1][1], 12);
        var s = MixingMath.NormalizeA([[-1, 1], [0, 2]]);   // shift by +1: [[0,2],[1,3]] / 6
        double[] expected = [0, 2.0 / 6, 1.0 / 6, 3.0 / 6];
        var actual = s.SelectMany(r => r).ToArray();
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], actual[i], 12);
        Assert.All(s.SelectMany(r => r), v => Assert.True(v >= 0));
        Assert.Equal(1, s.SelectMany(r => r).Sum(), 12);
    }

    [Fact]
    public void ExponentiatedGradientMatchesHandComputation()
    {
        var p = MixingMath.ExponentiatedGradient([0.5, 0.5], [1, 0], 0.2);
        Assert.Equal(Math.Exp(0.2) / (Math.Exp(0.2) + 1), p[0], 12);
        var q = MixingMath.ExponentiatedGradient([0.2, 0.3, 0.5], [0.5, 0.1, 0.4], 1.0);
        double z = 0.2 * Math.Exp(0.5) + 0.3 * Math.Exp(0.1) + 0.5 * Math.Exp(0.4);
        Assert.Equal(0.3 * Math.Exp(0.1) / z, q[1], 12);
    }

    [Fact]
    public void FirstRoundUpdateIsEgdOnTheNormalisedColumnSums()
    {
        var policy = new AioliPolicy(["a", "b"], new AioliOptions { Eta = 0.2 });
        new LinearTrainer(FavourFirst, [5, 5], 4).Run(policy, 250);
        // Exact recovery (no noise), then Ā = A / ΣA, colsums (0.65, 0.3)/0.95 (hand computation).
        double c0 = 0.65 / 0.95, c1 = 0.3 / 0.95;
        double expected = Math.Exp(0.2 * c0) / (Math.Exp(0.2 * c0) + Math.Exp(0.2 * c1));
        Assert.Equal(expected, policy.Proportions[0], 9);
    }

    [Fact]
    public void WithoutEmaMassMovesSteadilyTowardTheLargerColumnSum()
    {
        var policy = new AioliPolicy(["a", "b"], new AioliOptions { Eta = 0.5 });
        var trainer = new LinearTrainer(FavourFirst, [50, 50], 4);
        double last = 0.5;
        for (int r = 1; r <= 20; r++)
        {
            trainer.Run(policy, 250L * r);
            Assert.True(policy.Proportions[0] > last);
            last = policy.Proportions[0];
        }
        // Cumulative: after 20 rounds the log-odds are 20·η·(c0 − c1) (derived), beyond the EMA bound e^η/(e^η+1).
        double c = (0.65 - 0.3) / 0.95;
        Assert.Equal(1 / (1 + Math.Exp(-20 * 0.5 * c)), last, 6);
        Assert.True(last > Math.Exp(0.5) / (Math.Exp(0.5) + 1));
    }

    [Theory]
    [InlineData(2, 0.2, 0.1)]
    [InlineData(3, 0.1, 0.5)]
    [InlineData(3, 1.0, 0.1)]
    public void WithEmaProportionsStayInsideTheBound(int m, double eta, double gamma)
    {
        var rng = new PolicyRandom(11);
        var a = Enumerable.Range(0, m).Select(_ => Enumerable.Range(0, m).Select(_ => rng.NextDouble() - 0.2).ToArray()).ToArray();
        var names = Enumerable.Range(0, m).Select(i => "g" + i).ToArray();
        var policy = new AioliPolicy(names, new AioliOptions { Eta = eta, Ema = gamma, LpSteps = 4, LpRounds = 2, UpdateSteps = 100, Seed = 2 });
        var noise = new PolicyRandom(4);
        var trainer = new LinearTrainer(a, Enumerable.Repeat(10.0, m).ToArray(), 4) { Drift = () => 0.3 * noise.NextGaussian() };
        double lo = 1 / (1 + (m - 1) * Math.Exp(eta)), hi = Math.Exp(eta) / (Math.Exp(eta) + m - 1);
        for (int r = 1; r <= 30; r++)
        {
            trainer.Run(policy, 100L * r);
            Assert.All(policy.Proportions, p => Assert.InRange(p, lo - 1e-12, hi + 1e-12));
            Assert.Equal(1, policy.Proportions.Sum(), 12);
        }
    }

    [Theory]
    // Spec §2.3 derived table: LearnParams steps per round k·m·lp_steps and validation passes m·k + 1.
    [InlineData(2, 4, 4, 250, 32, 9)]
    [InlineData(3, 4, 6, 250, 72, 13)]
    [InlineData(7, 2, 10, 200, 140, 15)]
    public void CostBookkeepingPerRound(int m, int k, int lpSteps, int round, int sweepSteps, int passes)
    {
        var names = Enumerable.Range(0, m).Select(i => "g" + i).ToArray();
        var policy = new AioliPolicy(names, new AioliOptions { LpRounds = k, LpSteps = lpSteps, UpdateSteps = round, Ema = 0.1 });
        Assert.Equal(sweepSteps, policy.SweepSteps);
        Assert.Equal(passes, policy.ValidationPassesPerRound);
        var a = Enumerable.Range(0, m).Select(i => Enumerable.Range(0, m).Select(j => i == j ? 0.3 : 0.05).ToArray()).ToArray();
        var trainer = new LinearTrainer(a, Enumerable.Repeat(8.0, m).ToArray(), lpSteps);
        const int rounds = 20;
        trainer.Run(policy, (long)rounds * round);
        var cost = policy.Cost;
        Assert.Equal((long)rounds * round, cost.TrainingSteps);          // LearnParams inside S: no extra steps
        Assert.Equal((long)rounds * sweepSteps, cost.PerturbationSteps);
        Assert.Equal((long)rounds * passes, cost.ValidationPasses);    // A/SE: 20·9 = 180 (+2 final evaluations outside)
        Assert.Equal(rounds, cost.Updates);
        Assert.Equal("0", cost.ExtraRuns);
        Assert.Equal((long)rounds * round, trainer.Decisions.Sum(d => (long)d.Steps));
        Assert.All(trainer.Decisions.Where(d => d.Kind == MixingDecisionKind.Perturb), d => Assert.Equal(lpSteps, d.Steps));
    }

    [Fact]
    public void PerturbedMixturesAreTheOnesUsedInTheSolve()
    {
        var policy = new AioliPolicy(["a", "b", "c"], new AioliOptions { LpRounds = 2, LpSteps = 6, Epsilon = 0.75 });
        var trainer = new LinearTrainer([[0.3, 0, 0], [0, 0.3, 0], [0, 0, 0.3]], [5, 5, 5], 6);
        trainer.Run(policy, 250);
        var perturbs = trainer.Decisions.Where(d => d.Kind == MixingDecisionKind.Perturb).ToList();
        Assert.Equal(6, perturbs.Count);
        foreach (var d in perturbs)
        {
            int j = Array.IndexOf(d.Proportions.ToArray(), d.Proportions.Max());
            Assert.Equal(0.5, d.Proportions[j], 12);
            Assert.All(d.Proportions.Where((_, l) => l != j), v => Assert.Equal(0.25, v, 12));
        }
        Assert.Equal(2, perturbs.Count(d => d.Proportions[0] == 0.5));
    }

    [Fact]
    public void NonFiniteValidationLossSkipsTheUpdateAndKeepsTheRoundLength()
    {
        var policy = new AioliPolicy(["a", "b"], new AioliOptions());
        var trainer = new LinearTrainer(FavourFirst, [5, 5], 4);
        trainer.Run(policy, 250);
        var before = policy.Proportions.ToArray();
        int intervals = 0;
        while (policy.Step < 500)
        {
            var d = policy.Next();
            var f = trainer.Execute(d);
            if (d.Kind == MixingDecisionKind.Perturb && ++intervals == 3) f = f with { ValidationLosses = [double.NaN, 4] };
            policy.Observe(f);
        }
        Assert.Equal(500, policy.Step);
        Assert.Equal(before, policy.Proportions);
        Assert.Equal(1, policy.Cost.SkippedUpdates);
        Assert.Contains(policy.Warnings, w => w.Contains("a=NaN") && w.Contains("skipped"));
        trainer.Run(policy, 750);
        Assert.NotEqual(before, policy.Proportions);   // the next round updates again
    }

    [Fact]
    public void PriorPhaseTrainsThePriorThenRestartsFromUniform()
    {
        var policy = new AioliPolicy(["a", "b"], new AioliOptions { Prior = new() { ["a"] = 0.9, ["b"] = 0.1 }, PriorSteps = 100 });
        var d = policy.Next();
        Assert.Equal([0.9, 0.1], d.Proportions);
        Assert.Equal(100, d.Steps);
        policy.Observe(new MixingFeedback());
        Assert.Equal(MixingDecisionKind.Evaluate, policy.Next().Kind);
        Assert.Equal([0.5, 0.5], policy.Proportions);
    }

    [Fact]
    public void RoundTooShortForTheSweepIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new AioliPolicy(["a", "b", "c"], new AioliOptions { LpRounds = 4, LpSteps = 10, UpdateSteps = 120 }));
        Assert.Contains("m·k·lp_steps = 120", e.Message);
        Assert.Throws<ArgumentException>(() => new AioliPolicy(["a", "b"], new AioliOptions { Epsilon = 1.0 }));
        Assert.Throws<ArgumentException>(() => new AioliPolicy(["a"], new AioliOptions()));
    }

    [Fact]
    public void MissingFeedbackIsAClearError()
    {
        var policy = new AioliPolicy(["a", "b"], new AioliOptions());
        policy.Next();
        Assert.Contains("validation_losses", Assert.Throws<ArgumentException>(() => policy.Observe(new MixingFeedback())).Message);
        Assert.Throws<ArgumentException>(() => policy.Observe(new MixingFeedback { ValidationLosses = [1, 2, 3] }));
        Assert.Throws<InvalidOperationException>(() => new AioliPolicy(["a", "b"]).Observe(new MixingFeedback()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.1)]
    public void SaveAndRestoreContinuesIdentically(double? ema)
    {
        var options = new AioliOptions { Ema = ema, Seed = 42, LpRounds = 3, UpdateSteps = 100 };
        string[] names = ["a", "b", "c"];
        double[][] a = [[0.4, 0.1, 0.0], [0.1, 0.3, 0.1], [0.0, 0.2, 0.5]];
        var noiseA = new PolicyRandom(8);
        var first = new AioliPolicy(names, options);
        var trainerA = new LinearTrainer(a, [6, 6, 6], 4) { Drift = () => 0.1 * noiseA.NextGaussian() };
        trainerA.Run(first, 130);   // mid-sweep of round 2
        var saved = first.SaveState().ToJsonString();
        long savedStep = first.Step;
        var noiseState = noiseA.State;
        var losses = (double[])trainerA.Losses.Clone();
        int before = trainerA.Decisions.Count;
        trainerA.Run(first, 500);

        var second = new AioliPolicy(names, options);
        second.Restore((JsonObject)JsonNode.Parse(saved)!);
        Assert.Equal(savedStep, second.Step);
        Assert.True(savedStep > 100 && savedStep < 200);
        var noiseB = new PolicyRandom(0) { State = noiseState };
        var trainerB = new LinearTrainer(a, losses, 4) { Drift = () => 0.1 * noiseB.NextGaussian() };
        trainerB.Run(second, 500);
        Assert.Equal(first.Proportions, second.Proportions);
        Assert.Equal(first.Cost, second.Cost);
        Assert.Equal(first.SaveState().ToJsonString(), second.SaveState().ToJsonString());
        static string Key(MixingDecision d) => $"{d.Kind} {d.Steps} {string.Join(",", d.Proportions)}";
        Assert.Equal(trainerA.Decisions.Skip(before).Select(Key), trainerB.Decisions.Select(Key));
    }
}
