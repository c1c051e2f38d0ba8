using System.Text.Json.Nodes;
using MixLab.OnlineMixing;

namespace MixLab.Tests.OnlineMixing;

/// <summary>Spec §7 A.4: DoReMi, Skill-It and DoGE update rules as LMO instances, NaN handling and resume.</summary>
public class BaselinePolicyTests
{
    private static MixingFeedback Losses(double[] proxy, double[] reference, bool[]? present = null) =>
        new() { TrainingLosses = proxy, ReferenceLosses = reference, Present = present };

    [Fact]
    public void DoReMiChangesWeightsOnlyForPositiveExcessLoss()
    {
        var p = new DoReMiPolicy(["a", "b", "c"]);
        var d = p.Next();
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3], d.Proportions);   // proxy samples stratified
        Assert.Equal(p.Proportions, d.LossWeights);                   // loss = Σ α_i ℓ_i
        p.Observe(Losses([2.0, 2.5, 3.0], [2.5, 2.5, 3.5]));          // excess ≤ 0 everywhere
        Assert.All(p.Proportions, v => Assert.Equal(1.0 / 3, v, 14));
        p.Next();
        p.Observe(Losses([3.0, 2.5, 3.0], [2.0, 2.5, 3.5]));          // excess (1, 0, −0.5 → 0)
        double mu = 0.01, c = 1e-3;
        double z = Math.Exp(mu) + 2;
        Assert.Equal((1 - c) * Math.Exp(mu) / z + c / 3, p.Proportions[0], 14);
        Assert.Equal((1 - c) / z + c / 3, p.Proportions[1], 14);
        Assert.Equal(p.Proportions[1], p.Proportions[2], 14);
    }

    [Fact]
    public void DoReMiSmoothingFloorIsCOverM()
    {
        var p = new DoReMiPolicy(["a", "b"], new DoReMiOptions { Mu = 1.0 });
        for (int t = 0; t < 200; t++) { p.Next(); p.Observe(Losses([50, 1], [1, 1])); }
        Assert.True(p.Proportions[1] >= 1e-3 / 2 - 1e-15);
        Assert.Equal(1e-3 / 2, p.Proportions[1], 6);
        Assert.Equal(200, p.Cost.ReferenceSteps);
        Assert.InRange(p.AverageProportions[0], 0.9, 1.0);
    }

    [Fact]
    public void DoReMiAbsentDomainReusesItsPreviousExcess()
    {
        var p = new DoReMiPolicy(["a", "b"], new DoReMiOptions { Mu = 0.5 });
        p.Next(); p.Observe(Losses([2, 1], [1, 1]));
        var after1 = p.Proportions.ToArray();
        p.Next(); p.Observe(Losses([double.NaN, 1], [double.NaN, 1], [false, true]));   // a absent: e_a stays 1
        var expected = MixingMath.ExponentiatedGradient(after1, [1, 0], 0.5).Select(v => (1 - 1e-3) * v + 1e-3 / 2).ToArray();
        Assert.Equal(expected[0], p.Proportions[0], 14);
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void DoReMiNonFiniteLossSkipsAndWarns()
    {
        var p = new DoReMiPolicy(["a", "b"]);
        p.Next(); p.Observe(Losses([3, 1], [1, 1]));
        var kept = p.Proportions.ToArray();
        p.Next(); p.Observe(Losses([double.PositiveInfinity, 1], [1, 1]));
        Assert.Equal(kept, p.Proportions);
        Assert.Single(p.Warnings);
        Assert.Equal(1, p.Cost.SkippedUpdates);
    }

    [Fact]
    public void SkillItWithIdentityGraphIsExpOfWindowedLossSum()
    {
        var p = new SkillItPolicy(["a", "b"], new SkillItOptions { Graph = [[1, 0], [0, 1]], Eta = 0.2, Window = 3, UpdateSteps = 100 });
        Assert.Equal([0.5, 0.5], p.Proportions);   // exp(η·G·1) equal for G = I
        double[][] losses = [[3, 2], [2.5, 1.9], [2.2, 1.8], [2.0, 1.7]];
        foreach (var l in losses) { Assert.Equal(100, p.Next().Steps); p.Observe(new MixingFeedback { ValidationLosses = l }); }
        double s0 = 2.5 + 2.2 + 2.0, s1 = 1.9 + 1.8 + 1.7;   // the window keeps the last 3
        Assert.Equal(Math.Exp(0.2 * s0) / (Math.Exp(0.2 * s0) + Math.Exp(0.2 * s1)), p.Proportions[0], 12);
    }

    [Fact]
    public void SkillItUsesRowsAsTrainedGroupsAndRowSumsInitially()
    {
        // A/SE graph from the repository (spec §6.2): rows = trained group.
        double[][] g = [[0.758, 0.522], [0.668, 0.719]];
        var p = new SkillItPolicy(["arxiv", "se"], new SkillItOptions { Graph = g });
        double r0 = 0.758 + 0.522, r1 = 0.668 + 0.719;
        Assert.Equal(Math.Exp(0.2 * r0) / (Math.Exp(0.2 * r0) + Math.Exp(0.2 * r1)), p.Proportions[0], 12);
        p.Next(); p.Observe(new MixingFeedback { ValidationLosses = [4, 1] });
        double x0 = 0.2 * (0.758 * 4 + 0.522), x1 = 0.2 * (0.668 * 4 + 0.719);
        Assert.Equal(Math.Exp(x0) / (Math.Exp(x0) + Math.Exp(x1)), p.Proportions[0], 12);
        p.Next(); p.Observe(new MixingFeedback { ValidationLosses = [double.NaN, 1] });
        Assert.Equal(Math.Exp(x0) / (Math.Exp(x0) + Math.Exp(x1)), p.Proportions[0], 12);
        Assert.Single(p.Warnings);
    }

    [Fact]
    public void SkillGraphEstimationAndBinaryRule()
    {
        var g = SkillGraph.FromSingleGroupRuns([[4, 5], [4, 5]], [[3, 4.5], [3.8, 4]]);
        Assert.Equal(0.25, g[0][0], 12);
        Assert.Equal(0.1, g[0][1], 12);
        Assert.Equal(0.05, g[1][0], 12);
        Assert.Equal([[1, 0.5], [0, 1]], SkillGraph.Prepare([[1, 1], [0, 1]]));
    }

    [Fact]
    public void DoGEScoreIsTheColumnSumOfTheGradientProductMatrix()
    {
        double[][] products = [[0.2, 0.05, -0.1], [0.1, 0.3, 0.0], [0.0, 0.1, 0.4]];
        double[] norms = [0.8, 1.0, 0.6];
        var viaMatrix = new DoGEPolicy(["a", "b", "c"]);
        var viaVector = new DoGEPolicy(["a", "b", "c"]);
        viaMatrix.Next(); viaMatrix.Observe(new MixingFeedback { GradientProducts = products, GradientNorms = norms, LearningRate = 1e-3 });
        var colMeans = MixingMath.ColumnSums(products).Select(c => c / 3).ToArray();
        viaVector.Next(); viaVector.Observe(new MixingFeedback { GradientAlignment = colMeans, GradientNorms = norms, LearningRate = 1e-3 });
        Assert.Equal(viaVector.Proportions, viaMatrix.Proportions);
        // Hand computation: s_j = lr·a_j / (mean‖g‖ + 1e-6), clipped to [0, 5·lr]; α ∝ exp(s/μ).
        double mean = (0.8 + 1.0 + 0.6) / 3;
        var s = colMeans.Select(a => Math.Clamp(1e-3 * a / (mean + 1e-6), 0, 5e-3)).ToArray();
        double z = s.Sum(x => Math.Exp(x / 0.01));
        for (int j = 0; j < 3; j++) Assert.Equal(Math.Exp(s[j] / 0.01) / z, viaMatrix.Proportions[j], 14);
        Assert.Equal(1, viaMatrix.Cost.GradientSteps);
    }

    [Fact]
    public void DoGEScoreClipsAtFiveLearningRates()
    {
        var s = DoGEPolicy.Scores([100, -1], [1, 1], 0.01);
        Assert.Equal(0.05, s[0], 14);
        Assert.Equal(0, s[1]);
    }

    [Fact]
    public void BaselinesResumeIdentically()
    {
        IMixingPolicy[] Make() =>
        [
            new DoReMiPolicy(["a", "b", "c"], new DoReMiOptions { Mu = 0.3 }),
            new DoGEPolicy(["a", "b", "c"]),
            new SkillItPolicy(["a", "b", "c"], new SkillItOptions { Graph = [[1, 0.2, 0], [0.1, 1, 0.3], [0, 0, 1]], Window = 2 }),
        ];
        MixingFeedback Feedback(int t) => new()
        {
            TrainingLosses = [3 - 0.01 * t, 2.5 + 0.02 * (t % 3), 2 + 0.1 * Math.Sin(t)],
            ReferenceLosses = [2.9, 2.5, 2.05],
            ValidationLosses = [3 - 0.05 * t, 2.5, 2 + 0.01 * t],
            GradientAlignment = [0.1 * Math.Cos(t), 0.05, 0.2],
            GradientNorms = [0.9, 1, 0.7],
            LearningRate = 1e-3,
        };
        var a = Make();
        var b = Make();
        for (int k = 0; k < a.Length; k++)
        {
            for (int t = 0; t < 7; t++) { a[k].Next(); a[k].Observe(Feedback(t)); }
            b[k].Restore((JsonObject)JsonNode.Parse(a[k].SaveState().ToJsonString())!);
            for (int t = 7; t < 15; t++)
            {
                Assert.Equal(a[k].Next(), b[k].Next(), new DecisionComparer());
                a[k].Observe(Feedback(t)); b[k].Observe(Feedback(t));
            }
            Assert.Equal(a[k].Proportions, b[k].Proportions);
            Assert.Equal(a[k].Cost, b[k].Cost);
        }
    }

    private sealed class DecisionComparer : IEqualityComparer<MixingDecision>
    {
        public bool Equals(MixingDecision? x, MixingDecision? y) =>
            x!.Kind == y!.Kind && x.Steps == y.Steps && x.Feedback == y.Feedback && x.Proportions.SequenceEqual(y.Proportions)
            && (x.LossWeights ?? []).SequenceEqual(y.LossWeights ?? []);
        public int GetHashCode(MixingDecision obj) => obj.Steps;
    }
}
