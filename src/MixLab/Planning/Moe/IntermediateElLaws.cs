using MixLab.Numerics;

namespace MixLab.Planning.Moe;

/// <summary>One separable EL law fitted to one slice of the runs (the other two factors fixed).</summary>
/// <param name="Law">"activation" (Eq. 10), "granularity" (Eq. 11) or "compute" (Eq. 12).</param>
/// <param name="Slice">The fixed factors, e.g. "G=8, C=1e+19".</param>
/// <param name="Coefficients">Named coefficients of the law.</param>
/// <param name="Points">Runs in the slice.</param>
/// <param name="RSquared">R² on log EL (NaN with a single point).</param>
public sealed record SeparableElFit(string Law, string Slice, IReadOnlyDictionary<string, double> Coefficients, int Points, double RSquared);

/// <summary>
/// The EL paper's separable laws (arXiv 2507.17702 §4.1), each fitted by least squares on log EL within the slices of the
/// runs where the other two factors are fixed (all three are linear in their coefficients):
/// Eq. 10, log EL = a_A·log Â (A varies; Â with the joint fit's A_start);
/// Eq. 11, log EL = a_G + b_G·log G·(log G + c_G), i.e. a_G + b_G (log G)² + (b_G c_G) log G (G varies);
/// Eq. 12, log EL = a_C·log C + c_C (C varies). Logs follow the joint law's bases.
/// </summary>
public static class IntermediateElLaws
{
    /// <summary>Fits every slice with enough distinct values of its varying factor (2 for Eqs. 10 and 12, 3 for Eq. 11).</summary>
    public static List<SeparableElFit> Fit(IReadOnlyList<ElPoint> points, EfficiencyLeverageLaw law)
    {
        var fits = new List<SeparableElFit>();
        string Key(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        double LogC(double c) => Math.Log(c, law.ComputeLogBase);
        double LogG(double g) => Math.Log(g, law.GranularityLogBase);

        foreach (var slice in points.GroupBy(p => (Key(p.Granularity), Key(p.Compute))))
        {
            var s = slice.ToList();
            if (s.Select(p => p.Activation).Distinct().Count() < 2) continue;
            var x = new double[s.Count, 1];
            for (int i = 0; i < s.Count; i++) x[i, 0] = Math.Log(law.SaturatedActivation(s[i].Activation));
            Add(fits, "activation", $"G={slice.Key.Item1}, C={slice.Key.Item2}", s, x, b => new() { ["a_A"] = b[0] });
        }
        foreach (var slice in points.GroupBy(p => (Key(p.Activation), Key(p.Compute))))
        {
            var s = slice.ToList();
            if (s.Select(p => p.Granularity).Distinct().Count() < 3) continue;
            var x = new double[s.Count, 3];
            for (int i = 0; i < s.Count; i++) { double lg = LogG(s[i].Granularity); x[i, 0] = 1; x[i, 1] = lg * lg; x[i, 2] = lg; }
            Add(fits, "granularity", $"A={slice.Key.Item1}, C={slice.Key.Item2}", s, x,
                b => new() { ["a_G"] = b[0], ["b_G"] = b[1], ["c_G"] = b[1] != 0 ? b[2] / b[1] : double.NaN, ["optimal_granularity"] = b[1] < 0 ? Math.Pow(law.GranularityLogBase, -b[2] / (2 * b[1])) : double.NaN });
        }
        foreach (var slice in points.GroupBy(p => (Key(p.Activation), Key(p.Granularity))))
        {
            var s = slice.ToList();
            if (s.Select(p => p.Compute).Distinct().Count() < 2) continue;
            var x = new double[s.Count, 2];
            for (int i = 0; i < s.Count; i++) { x[i, 0] = LogC(s[i].Compute); x[i, 1] = 1; }
            Add(fits, "compute", $"A={slice.Key.Item1}, G={slice.Key.Item2}", s, x, b => new() { ["a_C"] = b[0], ["c_C"] = b[1] });
        }
        return fits;
    }

    private static void Add(List<SeparableElFit> fits, string law, string slice, List<ElPoint> s, double[,] x, Func<double[], Dictionary<string, double>> name)
    {
        var y = s.Select(p => Math.Log(p.El)).ToArray();
        if (LinearLeastSquares.Solve(x, y) is not { } b) return;
        int k = x.GetLength(1);
        var predicted = Enumerable.Range(0, y.Length).Select(i => Enumerable.Range(0, k).Sum(j => x[i, j] * b[j])).ToArray();
        double mean = y.Average(), ssTot = y.Sum(v => (v - mean) * (v - mean));
        double ssRes = y.Select((v, i) => (v - predicted[i]) * (v - predicted[i])).Sum();
        fits.Add(new SeparableElFit(law, slice, name(b), s.Count, ssTot > 0 ? 1 - ssRes / ssTot : double.NaN));
    }
}
