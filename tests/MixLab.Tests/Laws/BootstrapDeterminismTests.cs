using MixLab.Laws;

namespace MixLab.Tests.Laws;

/// <summary>
/// Check V5's reproducibility side: the bootstrap depends only on the seed, never on the thread count. Uses a
/// thinned start grid (every 45th of 4,500) and 300 resamples so the comparison is cheap; the full 4,000-resample
/// numbers are in <see cref="ChinchillaMleTests"/>.
/// </summary>
public sealed class BootstrapDeterminismTests
{
    private static FitResult Fit(ulong seed, int? threads) => LawFitter.Fit(TestData.Chinchilla240(), new FitRequest
    {
        Law = new ChinchillaLaw(),
        Estimator = Estimator.Mle,
        BootstrapSamples = 300,
        Seed = seed,
        StartStride = 45,
        GroupBy = null,
        Threads = threads,
    });

    private static void AssertIdentical(FitResult x, FitResult y)
    {
        var gx = Assert.Single(x.Groups);
        var gy = Assert.Single(y.Groups);
        Assert.Equal(gx.Theta, gy.Theta);
        Assert.Equal(gx.Parameters.Count, gy.Parameters.Count);
        for (int k = 0; k < gx.Parameters.Count; k++)
        {
            var (px, py) = (gx.Parameters[k], gy.Parameters[k]);
            Assert.Equal(px.Name, py.Name);
            Assert.Equal(px.Estimate, py.Estimate);
            Assert.NotNull(px.StandardError);
            Assert.Equal(px.StandardError, py.StandardError);
            Assert.Equal(px.Interval, py.Interval);
            Assert.Equal(gx.BootstrapDraws[px.Name], gy.BootstrapDraws[py.Name]);
        }
        Assert.Equal(gx.Metrics.Objective, gy.Metrics.Objective);
        Assert.Equal(gx.Metrics.NegativeLogLikelihood, gy.Metrics.NegativeLogLikelihood);
    }

    [Fact]
    public void V5_BootstrapSameSeedTwice_GivesIdenticalIntervals()
    {
        AssertIdentical(Fit(42, null), Fit(42, null));
    }

    [Fact]
    public void V5_BootstrapOneThreadAndTwoThreads_GiveIdenticalResults()
    {
        AssertIdentical(Fit(42, 1), Fit(42, 2));
    }

    [Fact]
    public void V5_BootstrapDifferentSeeds_GiveDifferentDraws()
    {
        var a = Assert.Single(Fit(42, null).Groups);
        var b = Assert.Single(Fit(43, null).Groups);
        Assert.Equal(a.Theta, b.Theta); // the point estimate does not use the seed
        Assert.NotEqual(a.BootstrapDraws["alpha"], b.BootstrapDraws["alpha"]);
        Assert.NotEqual(a.Parameters.Single(p => p.Name == "alpha").Interval, b.Parameters.Single(p => p.Name == "alpha").Interval);
    }
}
