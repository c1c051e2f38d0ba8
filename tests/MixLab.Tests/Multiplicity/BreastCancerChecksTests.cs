using MixLab.Multiplicity;
using MixLab.Numerics;
using static MixLab.Tests.Multiplicity.MultiplicityFixtures;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// multiplicity.md §7 check 4 (breast-cancer reference values, λ = 0 and λ = 0.01) and check 6 (small-ε limit).
/// Shares in the tables are counts out of 569 rounded to 4 decimals; a count may move by a row or two at a cut-off, so
/// counts are compared within ±2 rows.
/// </summary>
public sealed class BreastCancerChecksTests
{
    private const int N = 569;
    private const int CountSlack = 2;

    private static void AssertCount(double expectedShare, double actualShare, string what)
    {
        int expected = Count(expectedShare, N), actual = Count(actualShare, N);
        Assert.True(Math.Abs(actual - expected) <= CountSlack, $"{what}: {actual}/{N} rows vs {expected}/{N} in the spec ({actualShare:F4} vs {expectedShare:F4})");
        Assert.Equal(expectedShare, actualShare, (CountSlack + 0.5) / N);
    }

    private static void AssertRow(EpsilonSummary s, double mean, double median, double max, double w01, double w02, double w05, double ambiguity)
    {
        Assert.Equal(mean, s.MeanWidth, 5e-5);
        Assert.Equal(median, s.MedianWidth, 5e-5);
        Assert.Equal(max, s.MaxWidth, 5e-5);
        AssertCount(w01, s.ShareWidthAtLeast01, $"ε={s.Epsilon} share ≥ 0.1");
        AssertCount(w02, s.ShareWidthAtLeast02, $"ε={s.Epsilon} share ≥ 0.2");
        AssertCount(w05, s.ShareWidthAtLeast05, $"ε={s.Epsilon} share ≥ 0.5");
        AssertCount(ambiguity, s.Ambiguity, $"ε={s.Epsilon} ambiguity");
    }

    [Fact]
    public void Check4_Data_HasTheSpecShape()
    {
        var data = BreastCancer();
        Assert.Equal(N, data.Rows);
        Assert.Equal(11, data.Columns);
        Assert.Equal(357, data.Y.Count(y => y == 1));
        Assert.Equal("mean_radius", data.FeatureNames[1]);
        for (int j = 1; j < 11; j++)
        {
            double mean = Enumerable.Range(0, N).Average(i => data.Row(i)[j]);
            double var = Enumerable.Range(0, N).Average(i => data.Row(i)[j] * data.Row(i)[j]);
            Assert.Equal(0, mean, 1e-12);
            Assert.Equal(1, var, 1e-12);
        }
    }

    [Fact]
    public void Check4_Unregularised_FitMatchesL0AndAccuracy()
    {
        var m = BreastCancerUnregularised.Model;
        Assert.True(m.Converged);
        Assert.Equal(0.12840986, m.Loss, 1e-7);
        Assert.Equal(0.9490, m.Accuracy, 5e-5);
    }

    [Theory]
    [InlineData(0, 0.01717, 0.00227, 0.25975, 0.0369, 0.0035, 0.0, 0.0035)]
    [InlineData(1, 0.05438, 0.00763, 0.70141, 0.1810, 0.1107, 0.0053, 0.1301)]
    [InlineData(2, 0.17798, 0.05243, 0.99780, 0.3743, 0.2847, 0.1529, 0.3585)]
    public void Check4_Unregularised_TableRows(int k, double mean, double median, double max, double w01, double w02, double w05, double ambiguity)
    {
        var s = BreastCancerUnregularised.Summaries[k];
        Assert.Equal(UnregularisedEpsilons[k], s.Epsilon);
        Assert.Equal(UnregularisedEpsilons[k], s.EpsilonAbsolute);
        AssertRow(s, mean, median, max, w01, w02, w05, ambiguity);
    }

    [Theory]
    [InlineData(3, 0.10058, 0.0439, 0.0949, 0.0228)]   // ε = χ²₁,₀.₉₅ / 2n
    [InlineData(1, 0.05438, 0.0123, 0.0510, 0.0158)]
    [InlineData(2, 0.17798, 0.0914, 0.1617, 0.0404)]
    public void Check4_Unregularised_DiscrepancyAndThresholdMeasures(int k, double mean, double discrepancy, double thresholdAmbiguity, double thresholdDiscrepancy)
    {
        var s = BreastCancerUnregularised.Summaries[k];
        Assert.Equal(mean, s.MeanWidth, 5e-5);
        Assert.NotNull(s.DiscrepancyLowerBound);
        Assert.NotNull(s.ThresholdDiscrepancyLowerBound);
        AssertCount(discrepancy, s.DiscrepancyLowerBound!.Value, $"ε={s.Epsilon} discrepancy lower bound");
        AssertCount(thresholdAmbiguity, s.ThresholdAmbiguity, $"ε={s.Epsilon} ambiguity at τ");
        AssertCount(thresholdDiscrepancy, s.ThresholdDiscrepancyLowerBound!.Value, $"ε={s.Epsilon} discrepancy lower bound at τ");
    }

    [Fact]
    public void Check4_Regularised_FitMatchesL0AndAccuracy()
    {
        var m = BreastCancerRegularised.Model;
        Assert.True(m.Converged);
        Assert.Equal(0.19508282, m.Loss, 1e-7);
        Assert.Equal(0.9385, m.Accuracy, 5e-5);
    }

    [Theory]
    [InlineData(0, 0.01626, 0.00847, 0.15128, 0.0018, 0.0, 0.0, 0.0)]
    [InlineData(1, 0.05148, 0.02740, 0.44964, 0.1880, 0.0246, 0.0, 0.0351)]
    [InlineData(2, 0.16466, 0.09860, 0.91813, 0.4974, 0.3163, 0.0562, 0.4060)]
    public void Check4_Regularised_TableRows(int k, double mean, double median, double max, double w01, double w02, double w05, double ambiguity)
    {
        var s = BreastCancerRegularised.Summaries[k];
        Assert.Equal(RegularisedEpsilons[k], s.Epsilon);
        AssertRow(s, mean, median, max, w01, w02, w05, ambiguity);
    }

    [Fact]
    public void Check4_Summaries_AreConsistentWithTheRanges()
    {
        // The summary measures recomputed here from the per-point ranges (definitions of §1.3, §1.5, §1.6).
        foreach (var result in new[] { BreastCancerUnregularised, BreastCancerRegularised })
            for (int k = 0; k < result.Summaries.Count; k++)
            {
                var r = result.Ranges.Select(x => x[k]).ToArray();
                var s = result.Summaries[k];
                var widths = r.Select(x => x.Width).Order().ToArray();
                Assert.Equal(widths.Average(), s.MeanWidth, 1e-12);
                Assert.Equal(widths[N / 2], s.MedianWidth, 1e-15);
                Assert.Equal(widths[^1], s.MaxWidth, 1e-15);
                Assert.Equal(r.Count(x => x.Width >= 0.2) / (double)N, s.ShareWidthAtLeast02, 1e-15);
                Assert.Equal(r.Count(x => Math.Max(x.Prediction - x.Min, x.Max - x.Prediction) >= 0.1) / (double)N, s.Ambiguity, 1e-15);
                Assert.Equal(r.Count(x => x.Min < 0.5 && 0.5 <= x.Max) / (double)N, s.ThresholdAmbiguity, 1e-15);
                Assert.Empty(s.Groups);
            }
    }

    // ---- Check 6: the small-ε limit ----------------------------------------------------------------------------------

    /// <summary>Max over all rows of |approximate / exact − 1| for the logit half-widths, ε = 1e-4.</summary>
    private static double MaxRelativeError(MultiplicityResult result, int k)
    {
        var data = BreastCancer();
        int d = data.Columns;
        double lambda = result.Options.Lambda;
        var h = new double[d * d];
        LogisticLoss.ValueGradientHessian(data, lambda, result.Model.Weights, new double[d], h);
        var chol = new DenseCholesky(d);
        Assert.True(chol.Factor(h));
        var vpr = new ViablePredictionRange(data, result.Model, lambda, chol);
        double eps = result.Summaries[k].EpsilonAbsolute, worst = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            var exact = result.Ranges[i][k];
            var approx = vpr.Approximate(data.Row(i), eps);
            // The approximation is t0 ± sqrt(2ε·xᵀH⁻¹x), computed here independently of Approximate too.
            double halfApprox = Math.Sqrt(2 * eps * vpr.Curvature(data.Row(i)));
            Assert.Equal(halfApprox, 0.5 * (Logit(approx.Max) - Logit(approx.Min)), 1e-6 * halfApprox + 1e-12);
            double halfExact = 0.5 * (Logit(exact.Max) - Logit(exact.Min));
            worst = Math.Max(worst, Math.Abs(halfApprox / halfExact - 1));
        }
        return worst;
    }

    [Fact]
    public void Check6_SmallEpsilonLimit_Unregularised()
    {
        var s = BreastCancerUnregularised.Summaries[0];
        Assert.Equal(1e-4, s.EpsilonAbsolute);
        Assert.InRange(s.MaxApproximationError, 0, 0.0036 + 0.0005);
        double all = MaxRelativeError(BreastCancerUnregularised, 0);
        Assert.InRange(all, 0.0036 * 0.9, 0.0036 * 1.1);
        Assert.True(s.MaxApproximationError <= all + 1e-12, "the summary's sample is a subset of all rows");
    }

    [Fact]
    public void Check6_SmallEpsilonLimit_Regularised()
    {
        var s = BreastCancerRegularised.Summaries[0];
        Assert.InRange(s.MaxApproximationError, 0, 0.0004 + 0.0002);
        double all = MaxRelativeError(BreastCancerRegularised, 0);
        Assert.InRange(all, 0.0004 * 0.9, 0.0004 * 1.1);
        Assert.True(s.MaxApproximationError <= all + 1e-12, "the summary's sample is a subset of all rows");
    }
}
