using System.Globalization;
using System.Text;
using MixLab.Laws;
using MixLab.Numerics;
using MixLab.RunLogs;
using Xunit.Abstractions;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>Check V14 (laws.md §6, §5.1): the D-CPT law's trade-off usage, on the transcribed table and on synthetic runs.</summary>
public sealed class CmrDcptUsageV14Tests(ITestOutputHelper output)
{
    // D-CPT Table 5 (chemistry, Qwen1.5-1.8B, D = 10B; secondary transcription, laws.md §5.1): r_d and L_g.
    private static readonly double[] TableRd = [0.90, 0.91, 0.92, 0.924, 0.93, 0.94, 1.00];
    private static readonly double[] TableLg = [2.9052, 2.9193, 2.9376, 2.9445, 2.9644, 2.9848, 3.4667];
    private const double Lg0 = 2.8602, RelativeTolerance = 0.03;

    [Fact]
    public void V14_TranscribedTable_LinearInterpolationCrossesTheLimitAt0_9245()
    {
        double limit = Lg0 * (1 + RelativeTolerance);
        Assert.Equal(2.94601, Math.Round(limit, 5)); // 2.946006, printed as 2.94601

        // First segment where L_g passes the limit, and the linear crossing inside it.
        int k = Enumerable.Range(1, TableRd.Length - 1).First(i => TableLg[i] > limit);
        double crossing = TableRd[k - 1] + (TableRd[k] - TableRd[k - 1]) * (limit - TableLg[k - 1]) / (TableLg[k] - TableLg[k - 1]);
        output.WriteLine($"limit {limit}, crossing r_d = {crossing:F5} between {TableRd[k - 1]} and {TableRd[k]}");
        Assert.InRange(crossing, 0.9245 - 0.0005, 0.9245 + 0.0005);

        // The largest tested grid point within the limit is 0.924, the published optimum.
        double best = TableRd.Where((r, i) => TableLg[i] <= limit).Max();
        Assert.Equal(0.924, best);
        Assert.True(crossing > best && crossing < 0.93);
        // L_g rises with r_d over the table, so the feasible set is an interval [0, crossing].
        for (int i = 1; i < TableLg.Length; i++) Assert.True(TableLg[i] > TableLg[i - 1]);
    }

    // The synthetic L3 law. The modelled loss is the GENERAL loss, with r = r_g = 1 − r_d (its own corpus's share).
    private const double E = 1.6, A = 400, Alpha = 0.30, B = 200, Eta = 0.6, Beta = 0.35, C = 0.3, Gamma = 0.6, Eps = 0.05;
    private static readonly double[] Sizes = [0.5e9, 1.8e9, 4e9];
    private static readonly double[] DomainRatios = [0, 0.1, 0.2, 0.33, 0.5, 0.67, 0.8, 0.9, 1];
    private static readonly double[] HeldOutDomainRatios = [0.33, 0.67];

    private static double L3(double n, double d, double r) =>
        E + A / Math.Pow(n, Alpha) + B * Math.Pow(r, Eta) / Math.Pow(d, Beta) + C / Math.Pow(r + Eps, Gamma);

    /// <summary>9 ratios × 3 sizes × 20 checkpoints (every 1k of 20k steps, 0.5M tokens a step), 0.1% log-normal noise.</summary>
    private static string Csv(Func<double, bool> keepDomainRatio)
    {
        var rng = new SeededRandom(1406);
        var s = new StringBuilder("run,params,tokens,step,eval_domain,loss,mix.general,mix.chemistry\n");
        foreach (double n in Sizes)
            foreach (double rd in DomainRatios)
            {
                double rg = 1 - rd;
                for (int k = 1; k <= 20; k++)
                {
                    double d = k * 1000 * 0.5e6;
                    double loss = L3(n, d, rg) * Math.Exp(1e-3 * rng.NextGaussian());
                    if (!keepDomainRatio(rd)) continue;
                    s.Append(string.Create(CultureInfo.InvariantCulture,
                        $"n{n / 1e9:G2}-rd{rd:0.00},{n:R},{d:R},{k * 1000},general,{loss:R},{rg:R},{rd:R}\n"));
                }
            }
        return s.ToString();
    }

    [Fact]
    public void V14_SyntheticDcpt_RecoversAlphaBetaAndPredictsHeldOutRatios()
    {
        using var dir = new TempDir();
        bool Held(double rd) => HeldOutDomainRatios.Contains(rd);
        var train = RunLogReader.Read(dir.Write("train.csv", Csv(rd => !Held(rd))));
        var test = RunLogReader.Read(dir.Write("test.csv", Csv(Held)));
        Assert.Equal(7 * 3 * 20, train.RowCount);
        Assert.Equal(2 * 3 * 20, test.RowCount);

        var request = new FitRequest
        {
            Law = LawCatalog.Find("dcpt")!,
            LawOptions = new LawOptions { Share = "general" },
            BootstrapSamples = 0,
        };
        var fit = LawFitter.Fit(train, request);
        var group = Assert.Single(fit.Groups);
        Assert.Equal("general", group.Group);
        foreach (var p in group.Parameters) output.WriteLine($"{p.Name} = {p.Estimate:G6}");
        output.WriteLine($"train R² {group.Metrics.RSquared:F5}, converged {group.Converged}, warnings: {string.Join("; ", group.Warnings)}");

        double alpha = fit.Estimate("alpha"), beta = fit.Estimate("beta");
        Assert.True(Math.Abs(alpha - Alpha) <= 0.02, $"alpha {alpha} vs {Alpha}");
        Assert.True(Math.Abs(beta - Beta) <= 0.02, $"beta {beta} vs {Beta}");

        // Held-out ratios (r_d = 0.33 and 0.67): predictions from the fitted parameters.
        var bound = new DcptLaw().Bind(test, request.LawOptions, "general");
        var predicted = Enumerable.Range(0, bound.RowCount).Select(i => bound.PredictLoss(group.Theta, i)).ToArray();
        double mean = bound.Observed.Average();
        double ssRes = bound.Observed.Select((v, i) => (v - predicted[i]) * (v - predicted[i])).Sum();
        double ssTot = bound.Observed.Sum(v => (v - mean) * (v - mean));
        double r2 = 1 - ssRes / ssTot;
        output.WriteLine($"held-out R² {r2:F5}, max |error| {bound.Observed.Select((v, i) => Math.Abs(v - predicted[i])).Max():G3}");
        Assert.True(r2 >= 0.97, $"held-out R² {r2}");
    }
}
