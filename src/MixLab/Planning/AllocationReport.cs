using MixLab.Laws;

namespace MixLab.Planning;

/// <summary>A compute budget's optimal allocation with bootstrap percentile intervals on N* and D*.</summary>
public sealed record AllocationRow(Allocation Point, double[]? ParamsInterval, double[]? TokensInterval);

/// <summary>
/// Turns a Chinchilla fit into compute-optimal allocations (laws.md §3.4), carrying the fit's bootstrap draws
/// through the formula so each N*(C) and D*(C) gets an interval, not just a point.
/// </summary>
public static class AllocationReport
{
    /// <summary>Default budgets: 1e21, Chinchilla's 5.88e23 = 6 × 70e9 × 1.4e12, and 1e24 FLOPs.</summary>
    public static IReadOnlyList<double> DefaultBudgets { get; } = [1e21, 5.88e23, 1e24];

    /// <summary>Allocations for one group of a Chinchilla fit.</summary>
    public static List<AllocationRow> For(GroupFit fit, IReadOnlyList<double> budgets, double level)
    {
        double P(string name) => fit.Parameters.First(p => p.Name == name).Estimate;
        var draws = fit.BootstrapDraws;
        int samples = draws.TryGetValue("A", out var aDraws) ? aDraws.Length : 0;
        var rows = new List<AllocationRow>();
        foreach (double c in budgets)
        {
            var point = ComputeOptimalAllocation.At(c, P("E"), P("A"), P("B"), P("alpha"), P("beta"));
            double[]? nCi = null, dCi = null;
            if (samples >= 2)
            {
                var n = new double[samples]; var d = new double[samples];
                for (int s = 0; s < samples; s++)
                {
                    var x = ComputeOptimalAllocation.At(c, draws["E"][s], draws["A"][s], draws["B"][s], draws["alpha"][s], draws["beta"][s]);
                    n[s] = x.Params; d[s] = x.Tokens;
                }
                nCi = Interval(n, level); dCi = Interval(d, level);
            }
            rows.Add(new AllocationRow(point, nCi, dCi));
        }
        return rows;
    }

    private static double[] Interval(double[] values, double level)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length < 2) return [double.NaN, double.NaN];
        double tail = (1 - level) / 2;
        return [LawFitter.Percentile(sorted, tail), LawFitter.Percentile(sorted, 1 - tail)];
    }
}
