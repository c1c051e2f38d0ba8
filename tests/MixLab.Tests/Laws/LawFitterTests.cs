using MixLab.Laws;
using MixLab.RunLogs;

namespace MixLab.Tests.Laws;

public sealed class LawFitterTests
{
    [Fact]
    public void Fit_FewerRowsThanParameters_ThrowsRunLogException()
    {
        using var dir = new TempDir();
        var table = RunLogReader.Read(dir.Write("few.csv", "params,tokens,loss\n1e8,2e9,3.5\n2e8,4e9,3.2\n4e8,8e9,3.0\n8e8,1.6e10,2.8\n"));
        var e = Assert.Throws<RunLogException>(() => LawFitter.Fit(table, new FitRequest { Law = new ChinchillaLaw(), BootstrapSamples = 0, GroupBy = null }));
        Assert.Contains("4 rows", e.Message);
        Assert.Contains("5 parameters", e.Message);
        Assert.Contains("few.csv", e.Message);
    }

    [Fact]
    public void Fit_HeldOutRowsCountAgainstTheMinimum()
    {
        using var dir = new TempDir();
        var table = RunLogReader.Read(dir.Write("r.csv", "R,loss\n1,1.46\n0.75,1.48\n0.5,1.51\n0.33,1.54\n"));
        var request = new FitRequest
        {
            Law = new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrRatio),
            LawOptions = new LawOptions { X = "R" },
            GroupBy = null,
            BootstrapSamples = 0,
            Holdout = new HoldoutSpec(2, null),
        };
        Assert.Throws<RunLogException>(() => LawFitter.Fit(table, request));
        var ok = LawFitter.Fit(table, request with { Holdout = new HoldoutSpec(1, null) });
        Assert.Equal(3, ok.Groups[0].Metrics.RowsFitted);
        Assert.Equal(1, ok.Groups[0].Metrics.RowsHeldOut);
        Assert.Single(ok.Residuals, r => r.HeldOut);
        Assert.True(ok.Residuals.Single(r => r.HeldOut).Features[0].Value == 1.0); // the largest R
    }

    [Fact]
    public void Fit_BadCellInARequiredColumn_NamesItBeforeFitting()
    {
        using var dir = new TempDir();
        var table = RunLogReader.Read(dir.Write("bad.csv", "params,tokens,loss\n1e8,2e9,3.5\n2e8,x,3.2\n"));
        var e = Assert.Throws<RunLogException>(() => LawFitter.Fit(table, new FitRequest { Law = new ChinchillaLaw(), BootstrapSamples = 0 }));
        Assert.Equal(3, e.Line);
        Assert.Equal("tokens", e.Column);
    }

    [Theory]
    // numpy.percentile([3.5, -1.0, 7.25, 0.0, 2.0, 10.0, 4.0], q) (linear interpolation, NumPy's default).
    [InlineData(0.0, -1.0)]
    [InlineData(0.025, -0.85)]
    [InlineData(0.25, 1.0)]
    [InlineData(0.5, 3.5)]
    [InlineData(0.625, 3.875)]
    [InlineData(0.975, 9.587499999999999)]
    [InlineData(1.0, 10.0)]
    [InlineData(0.333, 1.9959999999999996)]
    public void Percentile_MatchesNumPyLinearInterpolation(double q, double expected)
    {
        double[] sorted = new[] { 3.5, -1.0, 7.25, 0.0, 2.0, 10.0, 4.0 }.Order().ToArray();
        Assert.Equal(expected, LawFitter.Percentile(sorted, q), 1e-12);
    }

    [Fact]
    public void Percentile_SingleValue_IsThatValue()
    {
        Assert.Equal(2.5, LawFitter.Percentile([2.5], 0.3));
    }

    [Fact]
    public void Fit_GroupsByEvalDomain_AndNamesParametersWithGroupSuffix()
    {
        using var dir = new TempDir();
        var rows = new List<string> { "eval_domain,tokens,loss" };
        foreach (var (domain, e, a, alpha) in new[] { ("web", 2.0, 50.0, 0.3), ("code", 1.2, 80.0, 0.4) })
            foreach (double d in new[] { 1e8, 3e8, 1e9, 3e9, 1e10, 3e10 })
                rows.Add(FormattableString.Invariant($"{domain},{d:R},{e + a / Math.Pow(d, alpha):R}"));
        var table = RunLogReader.Read(dir.Write("power.csv", string.Join("\n", rows) + "\n"));
        var fit = LawFitter.Fit(table, new FitRequest { Law = new PowerLaw(), BootstrapSamples = 0 });
        Assert.Equal(["web", "code"], fit.Groups.Select(g => g.Group));
        Assert.Equal(2.0, fit.Estimate("E[web]"), 1e-3);
        Assert.Equal(0.4, fit.Estimate("alpha[code]"), 1e-3);
        Assert.Equal(80.0, fit.Estimate("A[code]"), 0.5);
        Assert.True(fit.Converged);
        Assert.Equal(12, fit.Residuals.Count);
    }

    [Fact]
    public void Fit_ReportsThreadIndependentPointEstimates()
    {
        var table = TestData.Chinchilla240();
        FitResult Run(int threads) => LawFitter.Fit(table, new FitRequest
        {
            Law = new ChinchillaLaw(), BootstrapSamples = 0, StartStride = 90, GroupBy = null, Threads = threads,
        });
        var one = Run(1);
        var two = Run(2);
        Assert.Equal(one.Groups[0].Theta, two.Groups[0].Theta);
        Assert.Equal(one.Groups[0].StartsConverged, two.Groups[0].StartsConverged);
        Assert.Equal(50, one.Groups[0].Starts);
    }
}
