using MixLab.Laws;
using Xunit.Abstractions;

namespace MixLab.Tests.Laws;

/// <summary>Checks V3 and V5 (laws.md §6): Epoch AI's Huber-likelihood estimate and its bootstrap.</summary>
[Collection(ChinchillaReferenceCollection.Name)]
public sealed class ChinchillaMleTests(ChinchillaReferenceFits fits, ITestOutputHelper output)
{
    private static void InRelative(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"{what}: expected {expected} ± {relative:P0}, got {actual}");

    [Fact]
    public void V3_EpochMleEstimate_MatchesPublishedTable()
    {
        var fit = fits.MleBootstrap;
        Assert.Equal("mle", fit.Estimator);
        InRelative(482.01, fit.Estimate("A"), 0.02, "A");
        InRelative(2085.43, fit.Estimate("B"), 0.05, "B");
        Assert.Equal(1.8172, fit.Estimate("E"), 0.002);
        Assert.Equal(0.3478, fit.Estimate("alpha"), 0.002);
        Assert.Equal(0.3658, fit.Estimate("beta"), 0.002);

        var g = Assert.Single(fit.Groups);
        output.WriteLine(string.Join(" ", g.FitParameters.Select(p => $"{p.Name}={p.Estimate:G8}")) + $" nll={g.Metrics.NegativeLogLikelihood:G8} exit={g.ExitCondition}");
        var logSigma = g.FitParameters.Single(p => p.Name == "log_sigma").Estimate;
        Assert.Equal(-12.267, logSigma, 0.05);
        Assert.Equal(logSigma, g.Metrics.LogSigma!.Value, 12);
        // Re-run NLL of laws.md §6 V3: −879.771.
        Assert.Equal(-879.771, g.Metrics.NegativeLogLikelihood!.Value, 0.05);
    }

    public static TheoryData<string, double, double, double> PublishedIntervals => new()
    {
        { "A", 285, 744, 124.5 },
        { "B", 1042, 5810, 1293 },
        { "E", 1.769, 1.871, 0.026 },
        { "alpha", 0.317, 0.373, 0.015 },
        { "beta", 0.331, 0.415, 0.021 },
    };

    [Theory]
    [MemberData(nameof(PublishedIntervals))]
    public void V5_Bootstrap4000_PercentileIntervalsAndStandardErrorsMatchEpoch(string name, double lower, double upper, double se)
    {
        var g = Assert.Single(fits.MleBootstrap.Groups);
        Assert.Equal(4000, g.BootstrapSamples);
        Assert.Equal(0, g.BootstrapFailures);
        var p = g.Parameters.Single(x => x.Name == name);
        output.WriteLine($"{name}: estimate {p.Estimate:G6} SE {p.StandardError:G4} CI ({p.Interval?[0]:G5}, {p.Interval?[1]:G5})");
        Assert.NotNull(p.Interval);
        Assert.NotNull(p.StandardError);
        InRelative(lower, p.Interval![0], 0.10, $"{name} CI lower");
        InRelative(upper, p.Interval[1], 0.10, $"{name} CI upper");
        InRelative(se, p.StandardError!.Value, 0.15, $"{name} SE");
        Assert.Equal(4000, g.BootstrapDraws[name].Length);
    }
}
