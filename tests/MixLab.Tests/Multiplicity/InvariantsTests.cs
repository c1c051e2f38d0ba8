using MixLab.Multiplicity;
using MixLab.Numerics;
using static MixLab.Tests.Multiplicity.MultiplicityFixtures;

namespace MixLab.Tests.Multiplicity;

/// <summary>multiplicity.md §7 check 5 (invariants), relative ε, thread-count independence.</summary>
public sealed class InvariantsTests
{
    private static ViablePredictionRange Solver(LogisticData data, LogisticModel model, double lambda)
    {
        int d = data.Columns;
        var h = new double[d * d];
        LogisticLoss.ValueGradientHessian(data, lambda, model.Weights, new double[d], h);
        var chol = new DenseCholesky(d);
        Assert.True(chol.Factor(h));
        return new ViablePredictionRange(data, model, lambda, chol);
    }

    [Fact]
    public void Check5_BaselinePrediction_LiesInEveryRange()
    {
        foreach (var result in new[] { BreastCancerUnregularised, BreastCancerRegularised })
        {
            var data = BreastCancer();
            for (int i = 0; i < data.Rows; i++)
                for (int k = 0; k < result.Summaries.Count; k++)
                {
                    var r = result.Ranges[i][k];
                    Assert.Equal(result.Model.Predict(data.Row(i)), r.Prediction, 1e-15);
                    Assert.True(r.Min <= r.Prediction && r.Prediction <= r.Max, $"row {i}, ε={result.Summaries[k].Epsilon}: h0 {r.Prediction} outside [{r.Min}, {r.Max}]");
                    Assert.True(r.Min < r.Prediction && r.Prediction < r.Max, $"row {i}: ε > 0 must give a non-degenerate range");
                }
        }
    }

    [Fact]
    public void Check5_Ranges_AreNestedInEpsilon()
    {
        foreach (var result in new[] { BreastCancerUnregularised, BreastCancerRegularised })
        {
            var eps = result.Summaries.Select(s => s.EpsilonAbsolute).ToArray();
            var order = Enumerable.Range(0, eps.Length).OrderBy(k => eps[k]).ToArray();
            for (int i = 0; i < result.Ranges.Count; i++)
                for (int a = 1; a < order.Length; a++)
                {
                    var small = result.Ranges[i][order[a - 1]];
                    var large = result.Ranges[i][order[a]];
                    Assert.True(large.Min <= small.Min && small.Max <= large.Max,
                        $"row {i}: ε={eps[order[a - 1]]} [{small.Min}, {small.Max}] not inside ε={eps[order[a]]} [{large.Min}, {large.Max}]");
                }
            // And the summaries grow with ε.
            for (int a = 1; a < order.Length; a++)
            {
                Assert.True(result.Summaries[order[a]].MeanWidth > result.Summaries[order[a - 1]].MeanWidth);
                Assert.True(result.Summaries[order[a]].Ambiguity >= result.Summaries[order[a - 1]].Ambiguity);
            }
        }
    }

    [Fact]
    public void Check5_RangesAtEpsilon_AreInsideRangesAtTwiceEpsilon_RandomData()
    {
        var (f, y) = RandomLogistic(200, 4, 7);
        var data = LogisticData.FromFeatures(f, y);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0, Epsilons = [0.02, 0.005, 0.01] });
        for (int i = 0; i < data.Rows; i++)
        {
            var r = result.Ranges[i];
            Assert.True(r[0].Min <= r[2].Min && r[2].Min <= r[1].Min && r[1].Max <= r[2].Max && r[2].Max <= r[0].Max, $"row {i}");
            // Rough √ε scaling in logit: doubling ε widens by about √2 (between 1.2 and 1.6 here).
            double w1 = Logit(r[1].Max) - Logit(r[1].Min), w2 = Logit(r[2].Max) - Logit(r[2].Min);
            Assert.InRange(w2 / w1, 1.2, 1.6);
        }
    }

    [Fact]
    public void Check5_Ranges_AreNestedInEpsilon_SmallSaturatedGroup()
    {
        // Saturated binary feature, λ = 0: 98 rows (49 positive) at x = 0 and a 2-row pattern (1 positive) at x = 1. The
        // ranges of the 2-row pattern are the KL balls of radius n·ε/2 around 0.5 (finite for every ε here), so they must be
        // nested and never reach the limits 0 or 1.
        var features = Enumerable.Range(0, 100).Select(i => new[] { i < 98 ? 0.0 : 1.0 }).ToArray();
        var labels = Enumerable.Range(0, 100).Select(i => i < 98 ? (i < 49 ? 1 : 0) : (i == 98 ? 1 : 0)).ToArray();
        var data = LogisticData.FromFeatures(features, labels);
        double[] eps = [0.005, 0.01, 0.02, 0.03];
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = eps });
        var r = result.Ranges[99];
        for (int k = 0; k < eps.Length; k++)
        {
            Assert.False(r[k].MinAtLimit || r[k].MaxAtLimit, $"ε={eps[k]}: {r[k]} reported at a limit; expected the KL ball {KlBall(0.5, 50 * eps[k])}");
            if (k > 0)
                Assert.True(r[k].Min <= r[k - 1].Min && r[k - 1].Max <= r[k].Max, $"ε={eps[k - 1]} {r[k - 1]} not inside ε={eps[k]} {r[k]}");
        }
    }

    [Fact]
    public void Check5_SweepAndSingleEpsilonRuns_Agree_SmallSaturatedGroup()
    {
        // A point's range at ε must not depend on which other ε are requested in the same run (the solver sweeps them
        // with warm starts). Same data as above; the 2-row pattern's exact ranges are the KL balls of radius 50ε around 0.5.
        var features = Enumerable.Range(0, 100).Select(i => new[] { i < 98 ? 0.0 : 1.0 }).ToArray();
        var labels = Enumerable.Range(0, 100).Select(i => i < 98 ? (i < 49 ? 1 : 0) : (i == 98 ? 1 : 0)).ToArray();
        var data = LogisticData.FromFeatures(features, labels);
        double[] eps = [0.005, 0.01, 0.02, 0.03];
        var sweep = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = eps }).Ranges[99];
        for (int k = 0; k < eps.Length; k++)
        {
            var single = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [eps[k]] }).Ranges[99][0];
            var ball = KlBall(0.5, 50 * eps[k]);
            Assert.True(Math.Abs(sweep[k].Min - ball.Lo) < 1e-7 && Math.Abs(sweep[k].Max - ball.Hi) < 1e-7, $"sweep ε={eps[k]}: {sweep[k]} vs {ball}");
            Assert.True(Math.Abs(single.Min - ball.Lo) < 1e-7 && Math.Abs(single.Max - ball.Hi) < 1e-7, $"single ε={eps[k]}: {single} vs {ball}");
        }
    }

    [Fact]
    public void Check5_TinyEpsilon_WithRegularisation_GivesAPoint()
    {
        var data = BreastCancer();
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0.01, Epsilons = [1e-12] });
        // The widest point has xᵀH⁻¹x ≈ 1.2e3, so the width can reach 2·sqrt(2ε·xᵀH⁻¹x)/4 ≈ 2.4e-5 (not below 1e-5 everywhere);
        // each width matches the small-ε approximation.
        var solver = Solver(data, result.Model, 0.01);
        for (int i = 0; i < data.Rows; i++)
        {
            var r = result.Ranges[i][0];
            Assert.True(r.Width < 3e-5, $"row {i}: width {r.Width}");
            Assert.True(r.Min <= r.Prediction && r.Prediction <= r.Max);
            Assert.Equal(solver.Approximate(data.Row(i), 1e-12).Width, r.Width, 1e-2 * r.Width);
        }
        Assert.True(result.Ranges.Count(r => r[0].Width < 1e-5) > 500);

        // ε = 0 exactly (not accepted by Run, but by the solver): the single point {h0(x)}.
        for (int i = 0; i < data.Rows; i += 37)
        {
            var zero = solver.Compute(data.Row(i), [0.0])[0];
            Assert.Equal(zero.Prediction, zero.Min);
            Assert.Equal(zero.Prediction, zero.Max);
        }
    }

    [Theory]
    [InlineData(0.0, 1e-3)]
    [InlineData(0.0, ChiSquareEpsilon)]
    [InlineData(0.01, 1e-2)]
    public void Check5_ExtremalModels_AreFeasibleWithTheConstraintActive(double lambda, double epsilon)
    {
        // Spec: observed gaps L − L0 of the extremal models equal ε (3.376e-3 at ε = 3.3756e-3, ...).
        var data = BreastCancer();
        var model = LogisticRegressionFit.Fit(data, lambda);
        var solver = Solver(data, model, lambda);
        for (int i = 0; i < data.Rows; i += 7)
        {
            var extremes = new[] { new double[2][] };
            var r = solver.Compute(data.Row(i), [epsilon], extremes)[0];
            for (int side = 0; side < 2; side++)
            {
                var w = extremes[0][side];
                double gap = LogisticLoss.Value(data, lambda, w) - model.Loss;
                Assert.True(Math.Abs(gap / epsilon - 1) < 1e-6, $"row {i} side {side}: gap {gap} vs ε {epsilon}");
                double p = LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(i), w));
                Assert.Equal(side == 0 ? r.Min : r.Max, p, 1e-12);
            }
        }
    }

    [Fact]
    public void Check5_DiscrepancyLowerBound_IsAtMostAmbiguity()
    {
        foreach (var result in new[] { BreastCancerUnregularised, BreastCancerRegularised })
            foreach (var s in result.Summaries)
            {
                Assert.NotNull(s.DiscrepancyLowerBound);
                Assert.InRange(s.DiscrepancyLowerBound!.Value, 0, s.Ambiguity);
                Assert.InRange(s.ThresholdDiscrepancyLowerBound!.Value, 0, s.ThresholdAmbiguity);
            }
    }

    [Fact]
    public void Check5_DiscrepancyLowerBound_IsAttainedByAFeasibleModel()
    {
        // Recompute the bound of §2.6 from the extremal models of every point and compare with the summary.
        var (f, y) = RandomLogistic(150, 3, 11);
        var data = LogisticData.FromFeatures(f, y);
        const double epsilon = 0.02;
        var options = new MultiplicityOptions { Lambda = 0, Epsilons = [epsilon], Delta = 0.1, Threshold = 0.5 };
        var result = MultiplicityAnalysis.Run(data, options);
        var solver = Solver(data, result.Model, 0);
        var h0 = Enumerable.Range(0, data.Rows).Select(i => result.Model.Predict(data.Row(i))).ToArray();
        int best = 0, bestFlip = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            var extremes = new[] { new double[2][] };
            solver.Compute(data.Row(i), [epsilon], extremes);
            foreach (var w in extremes[0])
            {
                Assert.True(LogisticLoss.Value(data, 0, w) <= result.Model.Loss + epsilon * (1 + 1e-8));
                var p = Enumerable.Range(0, data.Rows).Select(j => LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(j), w))).ToArray();
                best = Math.Max(best, Enumerable.Range(0, data.Rows).Count(j => Math.Abs(p[j] - h0[j]) >= 0.1));
                bestFlip = Math.Max(bestFlip, Enumerable.Range(0, data.Rows).Count(j => (p[j] >= 0.5) != (h0[j] >= 0.5)));
            }
        }
        var s = result.Summaries[0];
        Assert.Equal(best / (double)data.Rows, s.DiscrepancyLowerBound!.Value, 1e-12);
        Assert.Equal(bestFlip / (double)data.Rows, s.ThresholdDiscrepancyLowerBound!.Value, 1e-12);
        Assert.True(best > 0);
    }

    [Fact]
    public void Check5_DiscrepancyBound_IsSkippedAboveTheRowLimit()
    {
        var (f, y) = RandomLogistic(60, 2, 5);
        var data = LogisticData.FromFeatures(f, y);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [0.01], DiscrepancyRowLimit = 59 });
        Assert.Null(result.Summaries[0].DiscrepancyLowerBound);
        Assert.Null(result.Summaries[0].ThresholdDiscrepancyLowerBound);
    }

    [Fact]
    public void Check5_DuplicateRows_GetIdenticalRanges()
    {
        var (f, y) = RandomLogistic(120, 3, 3);
        // Rows 100..119 repeat rows 0..19 with the same label (or the opposite label for odd rows: labels don't enter x).
        for (int i = 100; i < 120; i++) { f[i] = (double[])f[i - 100].Clone(); y[i] = i % 2 == 0 ? y[i - 100] : 1 - y[i - 100]; }
        var data = LogisticData.FromFeatures(f, y);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0.001, Epsilons = [0.003, 0.03] });
        for (int i = 100; i < 120; i++)
            for (int k = 0; k < 2; k++)
                Assert.Equal(result.Ranges[i - 100][k], result.Ranges[i][k]);
    }

    [Fact]
    public void Check5_Results_DoNotDependOnTheThreadCount()
    {
        var (f, y) = RandomLogistic(300, 5, 21);
        var data = LogisticData.FromFeatures(f, y, groups: Enumerable.Range(0, 300).Select(i => (i % 3).ToString()).ToList());
        var eps = new[] { 0.01, 0.001 };
        var one = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0, Epsilons = eps, Threads = 1 });
        var two = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0, Epsilons = eps, Threads = 2 });
        var all = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0, Epsilons = eps, Threads = null });
        Assert.Equal(one.Model.Weights, two.Model.Weights);
        for (int i = 0; i < data.Rows; i++)
        {
            Assert.Equal(one.Ranges[i], two.Ranges[i]);
            Assert.Equal(one.Ranges[i], all.Ranges[i]);
        }
        for (int k = 0; k < eps.Length; k++)
        {
            var a = one.Summaries[k];
            var b = two.Summaries[k];
            Assert.Equal(a with { Groups = b.Groups }, b);
            Assert.Equal(a.Groups.OrderBy(g => g.Key), b.Groups.OrderBy(g => g.Key));
            Assert.Equal(3, a.Groups.Count);
        }
    }

    [Fact]
    public void RelativeEpsilon_EqualsAbsoluteEpsilonTimesL0()
    {
        var (f, y) = RandomLogistic(200, 3, 9);
        var data = LogisticData.FromFeatures(f, y);
        var relative = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0.01, Epsilons = [0.05, 0.01], RelativeEpsilon = true });
        double l0 = relative.Model.Loss;
        var absolute = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0.01, Epsilons = [0.05 * l0, 0.01 * l0] });
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(new[] { 0.05, 0.01 }[k], relative.Summaries[k].Epsilon);
            Assert.Equal(new[] { 0.05, 0.01 }[k] * l0, relative.Summaries[k].EpsilonAbsolute, 1e-15);
            Assert.Equal(absolute.Summaries[k].MeanWidth, relative.Summaries[k].MeanWidth, 1e-12);
            for (int i = 0; i < data.Rows; i++)
            {
                Assert.Equal(absolute.Ranges[i][k].Min, relative.Ranges[i][k].Min, 1e-12);
                Assert.Equal(absolute.Ranges[i][k].Max, relative.Ranges[i][k].Max, 1e-12);
            }
        }
        // And a relative ε is not the same as the same number read as absolute (L0 ≠ 1).
        Assert.NotEqual(1.0, l0, 1e-2);
    }

    [Fact]
    public void Check5_Threshold_AndDelta_FollowTheirConventions()
    {
        // §1.3 and §1.5: ambiguity counts a move of at least δ; a decision flips when lo < τ ≤ hi.
        var (f, y) = RandomLogistic(150, 2, 13);
        var data = LogisticData.FromFeatures(f, y);
        foreach (var (delta, tau) in new[] { (0.05, 0.3), (0.2, 0.7) })
        {
            var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [0.01], Delta = delta, Threshold = tau });
            var r = result.Ranges.Select(x => x[0]).ToArray();
            var s = result.Summaries[0];
            Assert.Equal(r.Count(x => Math.Max(x.Prediction - x.Min, x.Max - x.Prediction) >= delta) / 150.0, s.Ambiguity, 1e-15);
            Assert.Equal(r.Count(x => x.Min < tau && tau <= x.Max) / 150.0, s.ThresholdAmbiguity, 1e-15);
            Assert.True(s.Ambiguity > 0 && s.Ambiguity < 1);
        }
    }
}
