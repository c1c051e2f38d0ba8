using System.Globalization;
using MixLab.Laws;
using MixLab.RunLogs;
using Xunit.Abstractions;

namespace MixLab.Tests.Laws;

/// <summary>
/// Check V8 (laws.md §6 and §1.7 Table 2): the CMR ratio law L(R) = α·R^s + β fitted to four points per model,
/// predicting the held-out R = 25% point. A 3-parameter fit to 4 points is ill-posed; the fit must either be
/// flagged degenerate (with a reason) or keep a finite, bounded exponent, and still predict within 0.3%.
/// </summary>
public sealed class OffsetPowerLawTests(ITestOutputHelper output)
{
    private static readonly double[] Ratios = [1.0, 0.75, 0.5, 1.0 / 3.0];

    // Table 2 columns: losses at R = 100%, 75%, 50%, 33% and the 25% ground truth.
    public static TheoryData<string, double, double, double, double, double> Table2 => new()
    {
        { "460M", 1.4628, 1.4844, 1.5122, 1.5387, 1.5561 },
        { "940M", 1.3723, 1.3910, 1.4155, 1.4385, 1.4538 },
        { "1.6B", 1.3242, 1.3416, 1.3643, 1.3854, 1.3994 },
        { "3.1B", 1.2585, 1.2750, 1.2965, 1.3170, 1.3305 },
    };

    [Theory]
    [MemberData(nameof(Table2))]
    public void V8_CmrRatioLaw_Table2_PredictsQuarterRatioWithin0_3Percent(string model, double l100, double l75, double l50, double l33, double truth)
    {
        using var dir = new TempDir();
        double[] losses = [l100, l75, l50, l33];
        var csv = "R,loss\n" + string.Concat(Ratios.Select((r, i) =>
            $"{r.ToString("R", CultureInfo.InvariantCulture)},{losses[i].ToString("R", CultureInfo.InvariantCulture)}\n"));
        var table = RunLogReader.Read(dir.Write("table2.csv", csv));
        var law = new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrRatio);
        Assert.Equal("cmr-ratio", law.Name);
        var fit = LawFitter.Fit(table, new FitRequest
        {
            Law = law,
            LawOptions = new LawOptions { X = "R" },
            GroupBy = null,
            BootstrapSamples = 0,
        });
        var g = Assert.Single(fit.Groups);
        Assert.Equal(4, g.Metrics.RowsFitted);
        double alpha = fit.Estimate("alpha"), s = fit.Estimate("s"), beta = fit.Estimate("beta");
        Assert.Equal([alpha, s, beta], g.Theta);

        // Predict R = 0.25 through the law bound to a one-row table, and by hand.
        var quarter = RunLogReader.Read(dir.Write("quarter.csv", "R,loss\n0.25,1\n"));
        double predicted = law.Bind(quarter, new LawOptions { X = "R" }, "all").PredictLoss(g.Theta, 0);
        Assert.Equal(alpha * Math.Pow(0.25, s) + beta, predicted, 1e-12);
        double relative = (predicted - truth) / truth;
        output.WriteLine($"{model}: alpha={alpha:G6} s={s:G6} beta={beta:G6} predicted={predicted:F5} truth={truth} error={relative:P3} degenerate={g.Degenerate} warnings=[{string.Join(" | ", g.Warnings)}]");
        Assert.True(Math.Abs(relative) < 0.003, $"{model}: predicted {predicted:F5} vs {truth}, relative error {relative:P3}");

        // Graceful handling of the ill-posed fit: a flag with a reason, or a finite exponent within its bounds.
        if (g.Degenerate)
        {
            Assert.True(fit.Degenerate);
            Assert.Contains(g.Warnings, w => w.StartsWith("degenerate:", StringComparison.Ordinal) && w.Length > "degenerate: ".Length + 10);
        }
        else
        {
            Assert.True(double.IsFinite(s));
            Assert.InRange(s, -OffsetPowerLaw.DefaultExponentBound, OffsetPowerLaw.DefaultExponentBound);
        }
        Assert.True(double.IsFinite(s) && double.IsFinite(alpha) && double.IsFinite(beta));
        Assert.InRange(s, -OffsetPowerLaw.DefaultExponentBound, OffsetPowerLaw.DefaultExponentBound);

        // The fit is the least-squares optimum (residuals are far inside δ = 1e-3, so Huber = ½r²): no s on a fine
        // grid over the bounds, with α and β solved exactly, does better.
        double bestHalfSse = double.PositiveInfinity;
        for (int k = -5000; k <= 5000; k++)
        {
            if (k == 0) continue;
            double e = k * 1e-3;
            var xs = Ratios.Select(r => Math.Pow(r, e)).ToArray();
            double mx = xs.Average(), my = losses.Average();
            double sxx = xs.Sum(x => (x - mx) * (x - mx)), sxy = xs.Select((x, i) => (x - mx) * (losses[i] - my)).Sum();
            double a = sxy / sxx, b = my - a * mx;
            bestHalfSse = Math.Min(bestHalfSse, 0.5 * xs.Select((x, i) => Math.Pow(a * x + b - losses[i], 2)).Sum());
        }
        Assert.True(g.Metrics.Objective <= bestHalfSse * (1 + 1e-6) + 1e-15, $"objective {g.Metrics.Objective:G6}, grid optimum {bestHalfSse:G6}");
    }

    [Fact]
    public void CmrRatioLaw_WellPosedSyntheticData_IsRecoveredAndNotDegenerate()
    {
        // Twelve noiseless points from L(R) = 0.2·R^(−0.4) + 1.1 determine the three parameters.
        using var dir = new TempDir();
        var rs = Enumerable.Range(1, 12).Select(i => i / 12.0).ToArray();
        var csv = "R,loss\n" + string.Concat(rs.Select(r => FormattableString.Invariant($"{r:R},{0.2 * Math.Pow(r, -0.4) + 1.1:R}\n")));
        var fit = LawFitter.Fit(RunLogReader.Read(dir.Write("synthetic.csv", csv)), new FitRequest
        {
            Law = new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrRatio),
            LawOptions = new LawOptions { X = "R" },
            GroupBy = null,
            BootstrapSamples = 0,
        });
        Assert.False(fit.Degenerate, string.Join(" | ", fit.Groups[0].Warnings));
        Assert.Equal(0.2, fit.Estimate("alpha"), 1e-4);
        Assert.Equal(-0.4, fit.Estimate("s"), 1e-4);
        Assert.Equal(1.1, fit.Estimate("beta"), 1e-4);
    }

    [Fact]
    public void CmrRatioLaw_ExponentPinnedByBounds_IsFlaggedDegenerateNamingTheBound()
    {
        // Data from s = −1.5 fitted with s bounded to [−0.5, 0.5]: the exponent must end on its bound and say so.
        using var dir = new TempDir();
        var rs = Enumerable.Range(1, 8).Select(i => i / 8.0).ToArray();
        var csv = "R,loss\n" + string.Concat(rs.Select(r => FormattableString.Invariant($"{r:R},{0.05 * Math.Pow(r, -1.5) + 1:R}\n")));
        var fit = LawFitter.Fit(RunLogReader.Read(dir.Write("bounded.csv", csv)), new FitRequest
        {
            Law = new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrRatio),
            LawOptions = new LawOptions { X = "R", ExponentBounds = (-0.5, 0.5) },
            GroupBy = null,
            BootstrapSamples = 0,
        });
        var g = Assert.Single(fit.Groups);
        Assert.True(g.Degenerate);
        Assert.Equal(-0.5, fit.Estimate("s"), 1e-3);
        Assert.Contains(g.Warnings, w => w.Contains("s ended on its bound", StringComparison.Ordinal));
    }
}
