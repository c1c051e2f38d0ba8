using MixLab.Laws;
using MixLab.Numerics;
using MixLab.Planning;
using MixLab.RunLogs;

namespace MixLab.Tests.Planning;

public sealed class MixtureOptimizerTests
{
    private static readonly string[] Domains = ["web", "code", "books"];

    private static double Aggregate(IReadOnlyList<MixingLawTerm> terms, double[] r) =>
        terms.Sum(t => t.Weight * (t.C + t.K * Math.Exp(t.T.Select((v, j) => v * r[j]).Sum())));

    /// <summary>Brute force over a 0.002 grid of the 3-simplex within bounds.</summary>
    private static (double[] R, double F) Grid(IReadOnlyList<MixingLawTerm> terms, double[] lo, double[] hi)
    {
        const int steps = 500;
        double[]? best = null;
        double bestF = double.PositiveInfinity;
        for (int i = 0; i <= steps; i++)
            for (int j = 0; i + j <= steps; j++)
            {
                double[] r = [i / (double)steps, j / (double)steps, (steps - i - j) / (double)steps];
                if (Enumerable.Range(0, 3).Any(k => r[k] < lo[k] - 1e-12 || r[k] > hi[k] + 1e-12)) continue;
                double f = Aggregate(terms, r);
                if (f < bestF) { bestF = f; best = r; }
            }
        return (best!, bestF);
    }

    private static List<MixingLawTerm> RandomTerms(SeededRandom rng) =>
        Domains.Select(d => new MixingLawTerm(d, 1 + 2 * rng.NextDouble(), 0.3 + 0.5 * rng.NextDouble(),
            Domains.Select(_ => -3 + 3.5 * rng.NextDouble()).ToArray(), 0.2 + rng.NextDouble())).ToList();

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Minimize_ThreeDomains_MatchesBruteForceGrid(int seed)
    {
        var rng = new SeededRandom((ulong)seed);
        var terms = RandomTerms(rng);
        double[] lo = [0, 0, 0], hi = [1, 1, 1];
        if (seed % 2 == 0) { lo = [0.1, 0.0, 0.05]; hi = [0.6, 0.7, 1.0]; }
        var opt = MixtureOptimizer.Minimize(Domains, terms, lo, hi);
        var (gridR, gridF) = Grid(terms, lo, hi);
        var r = Domains.Select(d => opt.Mixture[d]).ToArray();

        Assert.Equal(1.0, r.Sum(), 1e-9);
        for (int j = 0; j < 3; j++) Assert.InRange(r[j], lo[j] - 1e-12, hi[j] + 1e-12);
        Assert.True(opt.Aggregate <= gridF + 1e-12, $"optimizer {opt.Aggregate:R} worse than grid {gridF:R}");
        Assert.Equal(Aggregate(terms, r), opt.Aggregate, 1e-12);
        // The grid point lies within one grid cell of the optimum (L1 ≤ a few steps), unless the surface is flat.
        double l1 = r.Select((v, j) => Math.Abs(v - gridR[j])).Sum();
        Assert.True(l1 <= 0.02 || gridF - opt.Aggregate <= 1e-9, $"argmin L1 distance {l1:G3} to the grid optimum");
        foreach (var t in terms)
            Assert.Equal(t.C + t.K * Math.Exp(t.T.Select((v, j) => v * r[j]).Sum()), opt.DomainLoss[t.Domain], 1e-12);
    }

    [Fact]
    public void Minimize_InteriorOptimum_HasEqualPartialDerivatives()
    {
        // One evaluation domain, L = 1 + exp(−2 r_web − r_code + 3 r_books)... plus a term that penalises web:
        // the optimum is interior, where the gradient components of the free coordinates are equal (KKT on the simplex).
        var terms = new List<MixingLawTerm>
        {
            new("a", 1, 1, [-2, 0, 0], 0.5),
            new("b", 1, 1, [0, -2, 0], 0.5),
            new("c", 1, 1, [0, 0, -2], 0.5),
        };
        var opt = MixtureOptimizer.Minimize(Domains, terms, [0, 0, 0], [1, 1, 1]);
        foreach (var d in Domains) Assert.Equal(1.0 / 3, opt.Mixture[d], 1e-6);
    }

    [Fact]
    public void Minimize_InfeasibleBounds_Throw()
    {
        var terms = RandomTerms(new SeededRandom(9));
        Assert.Throws<ArgumentException>(() => MixtureOptimizer.Minimize(Domains, terms, [0.5, 0.5, 0.1], [1, 1, 1]));
        Assert.Throws<ArgumentException>(() => MixtureOptimizer.Minimize(Domains, terms, [0, 0, 0], [0.3, 0.3, 0.3]));
    }

    [Fact]
    public void MixingOptimumReport_RejectsUnknownNamesAndOtherLaws()
    {
        using var dir = new TempDir();
        var rng = new SeededRandom(3);
        var lines = new List<string> { "eval_domain,mix.web,mix.code,loss" };
        for (int i = 0; i < 12; i++)
        {
            double w = rng.NextDouble();
            lines.Add(FormattableString.Invariant($"web,{w:R},{1 - w:R},{2 + Math.Exp(-1.5 * w):R}"));
            lines.Add(FormattableString.Invariant($"code,{w:R},{1 - w:R},{2 + Math.Exp(-1.5 * (1 - w)):R}"));
        }
        var table = RunLogReader.Read(dir.Write("mix.csv", string.Join("\n", lines) + "\n"));
        var fit = LawFitter.Fit(table, new FitRequest { Law = new DataMixingLaw(), BootstrapSamples = 0 });
        var opt = MixingOptimumReport.For(fit, table, null, null);
        // Symmetric problem: the equal-weight optimum is 50/50.
        Assert.Equal(0.5, opt.Mixture["web"], 0.02);
        var bounded = MixingOptimumReport.For(fit, table, null, new Dictionary<string, (double, double)> { ["web"] = (0.7, 1.0) });
        Assert.Equal(0.7, bounded.Mixture["web"], 1e-6);
        var weighted = MixingOptimumReport.For(fit, table, new Dictionary<string, double> { ["web"] = 1.0 }, null);
        Assert.True(weighted.Mixture["web"] > 0.9, $"all weight on web eval: web share {weighted.Mixture["web"]}");

        Assert.Throws<ArgumentException>(() => MixingOptimumReport.For(fit, table, new Dictionary<string, double> { ["nope"] = 1 }, null));
        Assert.Throws<ArgumentException>(() => MixingOptimumReport.For(fit, table, null, new Dictionary<string, (double, double)> { ["nope"] = (0, 1) }));
        var power = fit with { Law = "power" };
        Assert.Throws<ArgumentException>(() => MixingOptimumReport.For(power, table, null, null));
    }
}
