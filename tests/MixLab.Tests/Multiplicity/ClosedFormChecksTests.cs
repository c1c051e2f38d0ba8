using MixLab.Multiplicity;
using static MixLab.Tests.Multiplicity.MultiplicityFixtures;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// multiplicity.md §7 checks 1 and 2a–2c: models whose viable prediction ranges are KL balls in closed form
/// (intercept only; a saturated group feature plus intercept), and the separable cell with λ = 0.
/// </summary>
public sealed class ClosedFormChecksTests
{
    private static LogisticData InterceptOnly(int n, int positives) =>
        LogisticData.FromFeatures(Enumerable.Range(0, n).Select(_ => Array.Empty<double>()).ToArray(),
            Enumerable.Range(0, n).Select(i => i < positives ? 1 : 0).ToArray());

    /// <summary>Rows of a binary group feature x ∈ {0, 1}: (size, positives) per group; groups named "0" and "1".</summary>
    private static LogisticData TwoGroups(int n0, int pos0, int n1, int pos1)
    {
        var features = new List<double[]>();
        var labels = new List<int>();
        var groups = new List<string>();
        for (int i = 0; i < n0; i++) { features.Add([0.0]); labels.Add(i < pos0 ? 1 : 0); groups.Add("0"); }
        for (int i = 0; i < n1; i++) { features.Add([1.0]); labels.Add(i < pos1 ? 1 : 0); groups.Add("1"); }
        return LogisticData.FromFeatures(features.ToArray(), labels.ToArray(), ["x"], groups);
    }

    [Fact]
    public void Check1_InterceptOnly_FromFeaturesWithNoFeatureColumns_HasOneColumn()
    {
        var data = InterceptOnly(10, 3);
        Assert.Equal(1, data.Columns);
        Assert.Equal(10, data.Rows);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(1.0, data.Row(i)[0]));
        var model = LogisticRegressionFit.Fit(data, 0);
        Assert.Equal(Math.Log(0.3 / 0.7), model.Weights[0], 1e-9);
        // L0 = H(0.3) in nats.
        Assert.Equal(-(0.3 * Math.Log(0.3) + 0.7 * Math.Log(0.7)), model.Loss, 1e-12);
        Assert.Equal(0.7, model.Accuracy, 1e-12);
    }

    [Theory]
    [InlineData(0.01, 0.238138, 0.367162, 0.129024)]
    [InlineData(0.05, 0.171262, 0.454597, 0.283335)]
    [InlineData(0.10, 0.129130, 0.521028, 0.391897)]
    public void Check1_InterceptOnly_RangesEqualTheTableAndTheKlBall(double epsilon, double lo, double hi, double width)
    {
        var data = InterceptOnly(10, 3);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [epsilon] });
        var (klLo, klHi) = KlBall(0.3, epsilon);
        // The table itself is the closed form rounded to 6 decimals.
        Assert.Equal(lo, klLo, 1e-6);
        Assert.Equal(hi, klHi, 1e-6);
        for (int i = 0; i < data.Rows; i++)
        {
            var r = result.Ranges[i][0];
            Assert.Equal(0.3, r.Prediction, 1e-9);
            Assert.Equal(lo, r.Min, 1e-6);
            Assert.Equal(hi, r.Max, 1e-6);
            Assert.Equal(width, r.Width, 1e-6);
            Assert.Equal(klLo, r.Min, 1e-8);
            Assert.Equal(klHi, r.Max, 1e-8);
            Assert.False(r.MinAtLimit || r.MaxAtLimit);
        }
        var s = result.Summaries[0];
        Assert.Equal(width, s.MeanWidth, 1e-6);
        Assert.Equal(width, s.MaxWidth, 1e-6);
    }

    [Fact]
    public void Check1_InterceptOnly_SeveralEpsilonsInOneRun_MatchSeparateRuns()
    {
        // The solver sweeps ε in increasing order with warm starts; pass them unsorted to exercise the reordering.
        var data = InterceptOnly(10, 3);
        var eps = new[] { 0.10, 0.01, 0.05 };
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = eps });
        for (int k = 0; k < eps.Length; k++)
        {
            var (klLo, klHi) = KlBall(0.3, eps[k]);
            Assert.Equal(eps[k], result.Summaries[k].Epsilon);
            Assert.Equal(klLo, result.Ranges[0][k].Min, 1e-8);
            Assert.Equal(klHi, result.Ranges[0][k].Max, 1e-8);
        }
    }

    [Theory]
    [InlineData(0.001, 0.476443, 0.523557, 0.429641, 0.570359)]
    [InlineData(0.01, 0.425877, 0.574123, 0.287121, 0.712879)]
    [InlineData(0.05, 0.337858, 0.662142, 0.102470, 0.897530)]
    public void Check2a_MajorityMinority_EndpointsEqualTheTableAndTheKlBalls(double epsilon, double majLo, double majHi, double minLo, double minHi)
    {
        var data = TwoGroups(90, 45, 10, 5);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [epsilon] });
        var major = KlBall(0.5, 100 * epsilon / 90);
        var minor = KlBall(0.5, 100 * epsilon / 10);
        Assert.Equal(majLo, major.Lo, 1e-6);
        Assert.Equal(minHi, minor.Hi, 1e-6);
        for (int i = 0; i < data.Rows; i++)
        {
            var r = result.Ranges[i][0];
            bool minority = i >= 90;
            Assert.Equal(0.5, r.Prediction, 1e-9);
            Assert.Equal(minority ? minLo : majLo, r.Min, 1e-6);
            Assert.Equal(minority ? minHi : majHi, r.Max, 1e-6);
            Assert.Equal(minority ? minor.Lo : major.Lo, r.Min, 1e-8);
            Assert.Equal(minority ? minor.Hi : major.Hi, r.Max, 1e-8);
        }

        // Per-group summaries.
        var groups = result.Summaries[0].Groups;
        Assert.Equal(new[] { "0", "1" }, groups.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(90, groups["0"].Rows);
        Assert.Equal(10, groups["1"].Rows);
        Assert.Equal(majHi - majLo, groups["0"].MeanWidth, 2e-6);
        Assert.Equal(minHi - minLo, groups["1"].MeanWidth, 2e-6);
        // Ambiguity (δ = 0.1): a group is all-or-nothing; h0 = 0.5 sits inside every range, so every decision can flip at τ = 0.5.
        Assert.Equal(0.5 - majLo >= 0.1 ? 1.0 : 0.0, groups["0"].Ambiguity);
        Assert.Equal(0.5 - minLo >= 0.1 ? 1.0 : 0.0, groups["1"].Ambiguity);
        Assert.Equal(1.0, groups["0"].ThresholdAmbiguity);
        Assert.Equal(1.0, groups["1"].ThresholdAmbiguity);
        // Overall ambiguity is the row-weighted mix of the groups.
        Assert.Equal((90 * groups["0"].Ambiguity + 10 * groups["1"].Ambiguity) / 100, result.Summaries[0].Ambiguity, 1e-12);
        // Mean width is the row-weighted mix of the group means.
        Assert.Equal((90 * groups["0"].MeanWidth + 10 * groups["1"].MeanWidth) / 100, result.Summaries[0].MeanWidth, 1e-12);
    }

    [Fact]
    public void Check2a_NoGroups_GivesNoGroupSummaries()
    {
        var d = TwoGroups(90, 45, 10, 5);
        var data = d with { Groups = null };
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [0.01] });
        Assert.Empty(result.Summaries[0].Groups);
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.03)]
    public void Check2b_Outlier_SmallestBalancedPattern_GetsTheKlBallOfRadiusNEpsilonOverNg(double epsilon)
    {
        // A unique covariate pattern with p̂ = 0.5 needs at least 2 rows (n_g = 1 forces p̂ ∈ {0, 1}, the separable cell
        // of check 2c); its ball has radius n·ε/n_g = n·ε/2, against n·ε/98 for the balanced bulk (p̂ = 0.5 too).
        const int n = 100;
        var data = TwoGroups(98, 49, 2, 1);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [epsilon] });
        var outlier = KlBall(0.5, n * epsilon / 2);
        var bulk = KlBall(0.5, n * epsilon / 98);
        for (int i = 98; i < n; i++)
        {
            Assert.Equal(outlier.Lo, result.Ranges[i][0].Min, 1e-7);
            Assert.Equal(outlier.Hi, result.Ranges[i][0].Max, 1e-7);
        }
        Assert.Equal(bulk.Lo, result.Ranges[0][0].Min, 1e-7);
        Assert.Equal(bulk.Hi, result.Ranges[0][0].Max, 1e-7);
        Assert.True(result.Ranges[99][0].Width > 3 * result.Ranges[0][0].Width);
    }

    [Theory]
    [InlineData(0.001, 0.2)]
    [InlineData(0.01, 0.2)]
    [InlineData(0.005, 0.7)]
    public void Check2b_Outlier_UnbalancedPattern_GetsTheKlBallAroundItsOwnRate(double epsilon, double bulkRate)
    {
        // General saturated form V = {q : KL(Bern(p̂_g) ‖ Bern(q)) ≤ n·ε/n_g} with p̂ ≠ 0.5: a 4-row pattern with 2 positives
        // among 96 rows whose positive rate is bulkRate (so h0 differs between the groups and the ball is asymmetric).
        int bulk = 96, bulkPos = (int)Math.Round(bulkRate * bulk), n = bulk + 4;
        var data = TwoGroups(bulk, bulkPos, 4, 1);
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [epsilon] });
        var outlier = KlBall(0.25, n * epsilon / 4);
        var main = KlBall((double)bulkPos / bulk, n * epsilon / bulk);
        Assert.Equal(0.25, result.Ranges[n - 1][0].Prediction, 1e-9);
        Assert.Equal(outlier.Lo, result.Ranges[n - 1][0].Min, 1e-7);
        Assert.Equal(outlier.Hi, result.Ranges[n - 1][0].Max, 1e-7);
        Assert.Equal(main.Lo, result.Ranges[0][0].Min, 1e-7);
        Assert.Equal(main.Hi, result.Ranges[0][0].Max, 1e-7);
    }

    [Fact]
    public void Check2c_SeparableData_WithoutRegularisation_ThrowsSeparableDataException()
    {
        var data = LogisticData.FromFeatures([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1]);
        var ex = Assert.Throws<SeparableDataException>(() => LogisticRegressionFit.Fit(data, 0));
        Assert.Contains("lambda", ex.Message, StringComparison.OrdinalIgnoreCase);
        // The analysis surfaces the same exception.
        Assert.Throws<SeparableDataException>(() => MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [0.01] }));
    }

    [Fact]
    public void Check2c_SeparableCell_WithoutRegularisation_ThrowsSeparableDataException()
    {
        // The separable cell of the spec: a saturated singleton group with y = 1 in n = 100 (MLE of its coefficient at +∞).
        var data = TwoGroups(99, 50, 1, 1);
        var ex = Assert.Throws<SeparableDataException>(() => LogisticRegressionFit.Fit(data, 0));
        Assert.Contains("lambda", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Check2c_SeparableData_WithSmallRegularisation_Fits()
    {
        var data = LogisticData.FromFeatures([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1]);
        var model = LogisticRegressionFit.Fit(data, 0.01);
        Assert.True(model.Converged);
        Assert.Equal(1.0, model.Accuracy);
        Assert.True(model.Weights[1] > 0);
        // Stationarity: the gradient of L at w0 vanishes.
        var g = new double[2];
        LogisticLoss.ValueGradientHessian(data, 0.01, model.Weights, g, new double[4]);
        Assert.All(g, v => Assert.True(Math.Abs(v) < 1e-9, $"gradient component {v}"));
        // With λ > 0 the level set is compact: finite endpoints strictly inside (0, 1).
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Lambda = 0.01, Epsilons = [0.01] });
        Assert.All(result.Ranges, r =>
        {
            Assert.False(r[0].MinAtLimit || r[0].MaxAtLimit);
            Assert.InRange(r[0].Min, 1e-300, r[0].Prediction);
            Assert.InRange(r[0].Max, r[0].Prediction, 1 - 1e-16);
        });
    }

    [Fact]
    public void Fit_RejectsASingleClass_AndNegativeLambda()
    {
        var one = LogisticData.FromFeatures([[0.0], [1.0]], [1, 1]);
        Assert.Throws<ArgumentException>(() => LogisticRegressionFit.Fit(one, 0.1));
        var two = LogisticData.FromFeatures([[0.0], [1.0]], [0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegressionFit.Fit(two, -1));
        Assert.Throws<ArgumentException>(() => MultiplicityAnalysis.Run(two, new MultiplicityOptions { Lambda = 0.1, Epsilons = [0.0] }));
    }
}
