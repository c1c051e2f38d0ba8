namespace MixLab.OnlineMixing;

/// <summary>
/// The algebra shared by the LMO policies (Aioli spec §1.3, §2.1 step 5): normalisation of A, column sums,
/// the exponentiated-gradient step and checks that proportions are a point of the simplex.
/// </summary>
public static class MixingMath
{
    /// <summary>Uniform proportions 1/m.</summary>
    public static double[] Uniform(int m)
    {
        var p = new double[m];
        Array.Fill(p, 1.0 / m);
        return p;
    }

    /// <summary>Σ_i A_ij for each column j.</summary>
    public static double[] ColumnSums(double[][] a)
    {
        var s = new double[a[0].Length];
        foreach (var row in a)
            for (int j = 0; j < s.Length; j++) s[j] += row[j];
        return s;
    }

    /// <summary>
    /// Aioli's normalisation (spec §2.1 step 5): when min A &lt; 0 subtract it from every entry, then divide by the sum of
    /// all entries, so Ā ≥ 0 and ΣĀ = 1. A matrix whose shifted entries are all 0 carries no information: every entry becomes 1/m².
    /// </summary>
    public static double[][] NormalizeA(double[][] a)
    {
        double min = double.MaxValue;
        foreach (var row in a) foreach (var v in row) min = Math.Min(min, v);
        double shift = min < 0 ? min : 0;
        double sum = 0;
        foreach (var row in a) foreach (var v in row) sum += v - shift;
        int cells = a.Length * a[0].Length;
        var r = new double[a.Length][];
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = new double[a[i].Length];
            for (int j = 0; j < r[i].Length; j++) r[i][j] = sum > 0 ? (a[i][j] - shift) / sum : 1.0 / cells;
        }
        return r;
    }

    /// <summary>One exponentiated-gradient step p_j ← p_j·exp(η s_j) / Z (spec §1.3), computed in log space.</summary>
    public static double[] ExponentiatedGradient(IReadOnlyList<double> p, IReadOnlyList<double> scores, double eta)
    {
        var logits = new double[p.Count];
        for (int j = 0; j < logits.Length; j++) logits[j] = Math.Log(p[j]) + eta * scores[j];
        return Softmax(logits);
    }

    /// <summary>exp(x_j − max x) / Σ exp(x_l − max x); −∞ entries get 0.</summary>
    public static double[] Softmax(IReadOnlyList<double> x)
    {
        double max = double.NegativeInfinity;
        for (int j = 0; j < x.Count; j++) max = Math.Max(max, x[j]);
        var r = new double[x.Count];
        double z = 0;
        for (int j = 0; j < r.Length; j++) { r[j] = Math.Exp(x[j] - max); z += r[j]; }
        for (int j = 0; j < r.Length; j++) r[j] /= z;
        return r;
    }

    /// <summary>
    /// Checks given proportions: one finite, non-negative value per domain with a positive sum. A sum further than 1e-6 from 1
    /// is renormalised with a warning added to <paramref name="warnings"/>. Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public static double[] CheckProportions(IReadOnlyList<string> domains, IReadOnlyList<double> values, string what, List<string> warnings)
    {
        if (values.Count != domains.Count)
            throw new ArgumentException($"{what}: {values.Count} proportions for {domains.Count} domains ({string.Join(", ", domains)})");
        double sum = 0;
        for (int j = 0; j < values.Count; j++)
        {
            if (!double.IsFinite(values[j]) || values[j] < 0)
                throw new ArgumentException($"{what}: proportion of '{domains[j]}' is {values[j]}; proportions must be finite and ≥ 0");
            sum += values[j];
        }
        if (sum <= 0) throw new ArgumentException($"{what}: the proportions sum to 0");
        var r = new double[values.Count];
        for (int j = 0; j < r.Length; j++) r[j] = values[j] / sum;
        if (Math.Abs(sum - 1) > 1e-6) warnings.Add($"{what}: proportions sum to {sum:G6}, not 1; renormalised");
        return r;
    }

    /// <summary>Turns a <c>{ domain: weight }</c> map into proportions in domain order (unknown or missing domains are errors), then <see cref="CheckProportions"/>.</summary>
    public static double[] FromMap(IReadOnlyList<string> domains, IReadOnlyDictionary<string, double> map, string what, List<string> warnings)
    {
        foreach (var key in map.Keys)
            if (!domains.Contains(key)) throw new ArgumentException($"{what}: '{key}' is not one of the domains ({string.Join(", ", domains)})");
        var v = new double[domains.Count];
        for (int j = 0; j < v.Length; j++)
            v[j] = map.TryGetValue(domains[j], out var w) ? w : throw new ArgumentException($"{what}: no weight for domain '{domains[j]}' (give 0 to leave it out)");
        return CheckProportions(domains, v, what, warnings);
    }

    internal static bool AllFinite(double[] values, bool[]? present = null)
    {
        for (int j = 0; j < values.Length; j++)
            if ((present is null || present[j]) && !double.IsFinite(values[j])) return false;
        return true;
    }
}
