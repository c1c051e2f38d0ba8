using System.Globalization;
using MixLab.Laws;
using MixLab.Numerics;
using MixLab.RunLogs;
using Xunit.Abstractions;

namespace MixLab.Tests.Laws;

/// <summary>
/// Check V15 (laws.md §6): losses generated from Epoch AI's parameters on the Epoch CSV's (N, D) grid (the 240
/// rows kept by the outlier rule) with multiplicative log-normal noise, refitted with the Huber-LSE protocol over
/// many seeds; the median of every estimate must lie within one bootstrap SE (V5's) of the truth.
/// </summary>
/// <remarks>
/// Budget: the spec asks for 200 seeds with the full 4,500-start grid. Each seed here uses every 45th start (100
/// starts, still spanning all of Hoffmann's grid values for e, a and b and most α/β combinations) so that the 200
/// seeds × 2 noise levels stay within a few seconds on 2 cores; the seed count is what sets the precision of
/// the median, while the start grid only has to find the one optimum of each smooth synthetic problem
/// (checked below: every refit converges, and a full-grid refit of one seed agrees with the thinned one).
/// </remarks>
public sealed class ChinchillaSyntheticRecoveryTests(ITestOutputHelper output)
{
    private const double E = 1.8172, A = 482.01, B = 2085.43, Alpha = 0.3478, Beta = 0.3658;
    private const int Seeds = 200;
    private const int StartStride = 45;

    // V5's bootstrap standard errors (natural units), the tolerance scale of V15.
    private static readonly Dictionary<string, double> Se = new() { ["A"] = 124.5, ["B"] = 1293, ["E"] = 0.026, ["alpha"] = 0.015, ["beta"] = 0.021 };
    private static readonly Dictionary<string, double> Truth = new() { ["A"] = A, ["B"] = B, ["E"] = E, ["alpha"] = Alpha, ["beta"] = Beta };

    private static readonly Lazy<(double[] N, double[] D)> Grid = new(() =>
    {
        var t = TestData.Chinchilla240();
        return (t.Numeric(RunLogColumns.Params), t.Numeric(RunLogColumns.Tokens));
    });

    private static RunLogTable Synthetic(double sigma, ulong seed)
    {
        var (n, d) = Grid.Value;
        var rng = new SeededRandom(seed, 7);
        string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var loss = n.Select((v, i) => S((E + A / Math.Pow(v, Alpha) + B / Math.Pow(d[i], Beta)) * Math.Exp(sigma * rng.NextGaussian()))).ToArray();
        return new RunLogTable($"synthetic-{sigma}-{seed}", ["params", "tokens", "loss"], new Dictionary<string, string?[]>
        {
            ["params"] = n.Select(S).ToArray(),
            ["tokens"] = d.Select(S).ToArray(),
            ["loss"] = loss,
        }, Enumerable.Range(2, n.Length).ToArray());
    }

    private static FitResult Refit(RunLogTable table, int stride) => LawFitter.Fit(table, new FitRequest
    {
        Law = new ChinchillaLaw(),
        Estimator = Estimator.Huber,
        BootstrapSamples = 0,
        StartStride = stride,
        GroupBy = null,
    });

    [Theory]
    [InlineData(0.005)]
    [InlineData(0.01)]
    public void V15_ChinchillaSyntheticRecovery_MedianWithinOneBootstrapSe(double sigma)
    {
        var estimates = Truth.Keys.ToDictionary(k => k, _ => new List<double>());
        int notConverged = 0;
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var fit = Refit(Synthetic(sigma, seed), StartStride);
            if (!fit.Converged) notConverged++;
            foreach (var (name, list) in estimates) list.Add(fit.Estimate(name));
        }
        Assert.Equal(0, notConverged);
        foreach (var (name, list) in estimates)
        {
            var sorted = list.Order().ToArray();
            double median = LawFitter.Percentile(sorted, 0.5);
            output.WriteLine($"sigma={sigma} {name}: median {median:G5} truth {Truth[name]:G5} (|Δ|/SE = {Math.Abs(median - Truth[name]) / Se[name]:F3}), 5–95%: {LawFitter.Percentile(sorted, 0.05):G4}–{LawFitter.Percentile(sorted, 0.95):G4}");
            Assert.True(Math.Abs(median - Truth[name]) <= Se[name], $"sigma={sigma} {name}: median {median:G6}, truth {Truth[name]:G6}, SE {Se[name]}");
        }
        // "E, α and β should be tight; A and B loose" (laws.md V15): their medians sit within half an SE.
        foreach (var name in new[] { "E", "alpha", "beta" })
        {
            double median = LawFitter.Percentile(estimates[name].Order().ToArray(), 0.5);
            Assert.True(Math.Abs(median - Truth[name]) <= 0.5 * Se[name], $"sigma={sigma} {name}: median {median:G6} not within SE/2 of {Truth[name]}");
        }
    }

    [Fact]
    public void V15_ThinnedStartGrid_FindsTheFullGridOptimum()
    {
        var table = Synthetic(0.01, 1);
        var thin = Assert.Single(Refit(table, StartStride).Groups);
        var full = Assert.Single(Refit(table, 1).Groups);
        Assert.Equal(100, thin.Starts);
        Assert.Equal(4500, full.Starts);
        Assert.Equal(full.Metrics.Objective, thin.Metrics.Objective, full.Metrics.Objective * 1e-6);
        for (int k = 0; k < 5; k++) Assert.Equal(full.Theta[k], thin.Theta[k], 1e-3);
    }
}
