using System.Text;
using MixLab.Numerics;
using MixLab.Planning.Cmr;
using MixLab.RunLogs;
using Xunit.Abstractions;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>
/// Check V9's planner part (laws.md §6), synthetic: CPT runs at five ratios whose curves are known exactly,
/// ΔL_gen(T; R) = c·R·(T^0.3 − 0.2·T^0.6) (a bump peaking at T ≈ 21.2 in 0.2B-token units) and
/// ΔL_dom(T; R) = −0.3·R·T^0.2, with N(0, 1e-4²) noise. With ε = 0.05 and T_max = 100 (20B tokens) every run has
/// passed its peak, so the tolerance sets the answer: R* = ε / (c·h(100)).
/// </summary>
public sealed class CmrPlannerTests(ITestOutputHelper output)
{
    private const double C = 0.1;
    private static readonly double[] Ratios = [0.125, 0.25, 0.5, 0.75, 1.0];
    private static double H(double t) => Math.Pow(t, 0.3) - 0.2 * Math.Pow(t, 0.6);

    private static RunLogTable Runs(TempDir dir, double noise, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var sb = new StringBuilder("run,tokens,eval_domain,loss,mix.finance\n");
        foreach (double r in Ratios)
        {
            string run = FormattableString.Invariant($"cpt-{r}");
            sb.Append(FormattableString.Invariant($"{run},0,general,2.6,{r}\n{run},0,finance,2.2,{r}\n"));
            for (int k = 1; k <= 20; k++)
            {
                double t = 5 * k; // token units of 0.2B
                double gen = 2.6 + C * r * H(t) + noise * rng.NextGaussian();
                double dom = 2.2 - 0.3 * r * Math.Pow(t, 0.2) + noise * rng.NextGaussian();
                sb.Append(FormattableString.Invariant($"{run},{t * 2e8:R},general,{gen:R},{r}\n{run},{t * 2e8:R},finance,{dom:R},{r}\n"));
            }
        }
        return RunLogReader.Read(dir.Write("cpt.csv", sb.ToString()));
    }

    [Fact]
    public void V9_SyntheticRuns_RecoverCriticalRatioPeaksAndFeasibility()
    {
        using var dir = new TempDir();
        var table = Runs(dir, 1e-4, 9);
        var result = CmrPlanner.Plan(table, new CmrOptions { TargetDomain = "finance", BootstrapSamples = 20, Threads = 2 });
        double expected = 0.05 / (C * H(100));
        output.WriteLine($"CMR {result.Cmr:F4} (expected {expected:F4}) interval [{string.Join(", ", result.Interval ?? [])}] method: {result.Method}");
        foreach (var w in result.Warnings) output.WriteLine("warning: " + w);

        Assert.Equal(20e9, result.TargetTokens, 1);
        Assert.Equal(0.05, result.ToleranceAbsolute);
        Assert.Equal(2.6, result.BaseGeneralLoss, 1e-12);
        Assert.Equal(expected, result.Cmr, 0.01);
        Assert.StartsWith("direct", result.Method);
        Assert.NotNull(result.Interval);
        Assert.InRange(expected, result.Interval![0] - 0.01, result.Interval[1] + 0.01);
        Assert.Equal(0.5, result.LargestFeasibleTriedRatio);

        double peak = Math.Pow(2.5, 1 / 0.3);
        Assert.Equal(Ratios, result.Runs.Select(r => r.Ratio));
        foreach (var run in result.Runs)
        {
            Assert.Equal(CriticalPointKind.Crossing, run.T0Kind);
            Assert.Equal(peak, run.T0!.Value, peak * 0.05);
            Assert.Equal(peak, run.PeakClosedForm!.Value, peak * 0.05);
            Assert.Equal(C * run.Ratio * H(100), run.GeneralDeltaAtTarget, 1e-3);
            bool within = C * run.Ratio * H(100) <= 0.05;
            Assert.Equal(within, run.InTolerance);
            Assert.Equal(within, run.Feasible);
            Assert.True(run.General.RSquared > 0.99, $"{run.Run}: general R² {run.General.RSquared}");
            Assert.True(run.Domain.RSquared > 0.99, $"{run.Run}: domain R² {run.Domain.RSquared}");
        }
    }

    [Fact]
    public void Planner_IsDeterministicAcrossThreadCounts()
    {
        using var dir = new TempDir();
        var table = Runs(dir, 1e-4, 3);
        var one = CmrPlanner.Plan(table, new CmrOptions { TargetDomain = "finance", BootstrapSamples = 8, Threads = 1 });
        var two = CmrPlanner.Plan(table, new CmrOptions { TargetDomain = "finance", BootstrapSamples = 8, Threads = 2 });
        Assert.Equal(one.Cmr, two.Cmr);
        Assert.Equal(one.BootstrapDraws, two.BootstrapDraws);
        Assert.Equal(one.Interval, two.Interval);
    }

    [Fact]
    public void RunReader_RejectsTooFewRatiosCheckpointsOrAChangingRatio()
    {
        using var dir = new TempDir();
        var options = new CmrOptions { TargetDomain = "finance" };
        string Rows(string run, double r, int checkpoints, double? changeTo = null)
        {
            var sb = new StringBuilder(FormattableString.Invariant($"{run},0,general,2.6,{r}\n{run},0,finance,2.2,{r}\n"));
            for (int k = 1; k <= checkpoints; k++)
            {
                double rr = changeTo is double c && k == checkpoints ? c : r;
                sb.Append(FormattableString.Invariant($"{run},{k}e9,general,2.61,{rr}\n{run},{k}e9,finance,2.1,{rr}\n"));
            }
            return sb.ToString();
        }
        const string header = "run,tokens,eval_domain,loss,mix.finance\n";

        var twoRatios = RunLogReader.Read(dir.Write("two.csv", header + Rows("a", 0.25, 6) + Rows("b", 0.5, 6)));
        Assert.Contains("3 or more ratios", Assert.Throws<RunLogException>(() => CmrRunReader.Read(twoRatios, options)).Message);

        var few = RunLogReader.Read(dir.Write("few.csv", header + Rows("a", 0.25, 6) + Rows("b", 0.5, 4) + Rows("c", 0.75, 6)));
        Assert.Contains("at least 5", Assert.Throws<RunLogException>(() => CmrRunReader.Read(few, options)).Message);

        var changing = RunLogReader.Read(dir.Write("change.csv", header + Rows("a", 0.25, 6, changeTo: 0.3) + Rows("b", 0.5, 6) + Rows("c", 0.75, 6)));
        var e = Assert.Throws<RunLogException>(() => CmrRunReader.Read(changing, options));
        Assert.Equal("mix.finance", e.Column);
        Assert.Equal(14, e.Line);

        var ok = CmrRunReader.Read(RunLogReader.Read(dir.Write("ok.csv", header + Rows("c", 0.75, 6) + Rows("a", 0.25, 6) + Rows("b", 0.5, 6))), options);
        Assert.Equal([0.25, 0.5, 0.75], ok.Select(r => r.Ratio));
        Assert.All(ok, r => Assert.Equal(6, r.Tokens.Length));
        Assert.Equal(5.0, ok[0].Tokens[0], 1e-12); // 1e9 tokens in 0.2B units
        Assert.Equal(0.01, ok[0].GeneralDelta[0], 1e-12);
        Assert.Equal(-0.1, ok[0].DomainDelta[0], 1e-12);
    }
}
