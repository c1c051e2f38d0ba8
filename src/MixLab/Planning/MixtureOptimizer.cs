namespace MixLab.Planning;

/// <summary>The mixture that minimises a fitted mixing law's aggregate loss, and the predicted losses there.</summary>
public sealed record MixtureOptimum(IReadOnlyDictionary<string, double> Mixture, IReadOnlyDictionary<string, double> DomainLoss, double Aggregate, int Iterations);

/// <summary>One evaluation domain's fitted law L_i(r) = c_i + k_i·exp(t_i·r) and its weight s_i in the aggregate.</summary>
public sealed record MixingLawTerm(string Domain, double C, double K, double[] T, double Weight);

/// <summary>
/// Minimises the aggregate Data Mixing Law L(r) = Σ_i s_i (c_i + k_i exp(Σ_j t_ij r_j)) (Ye et al. Eq. 8) over the
/// simplex with per-domain bounds lo_j ≤ r_j ≤ hi_j. L is convex in r (a positive sum of exponentials of linear
/// functions), so projected gradient descent with backtracking reaches the global minimum.
/// </summary>
public static class MixtureOptimizer
{
    /// <summary>Finds the optimum; <paramref name="lower"/> and <paramref name="upper"/> are per training domain.</summary>
    public static MixtureOptimum Minimize(IReadOnlyList<string> domains, IReadOnlyList<MixingLawTerm> terms, double[] lower, double[] upper)
    {
        int m = domains.Count;
        if (lower.Sum() > 1 + 1e-12 || upper.Sum() < 1 - 1e-12)
            throw new ArgumentException($"the bounds admit no mixture: lower bounds sum to {lower.Sum():G4}, upper bounds to {upper.Sum():G4}");
        var r = new double[m];
        SimplexProjection.Project(Enumerable.Repeat(1.0 / m, m).ToArray(), lower, upper, r);
        var g = new double[m];
        var trial = new double[m];
        var step = new double[m];
        double f = Value(terms, r, g);
        double eta = 1.0;
        int iter;
        for (iter = 0; iter < 10_000; iter++)
        {
            bool moved = false;
            for (int back = 0; back < 60; back++)
            {
                for (int j = 0; j < m; j++) step[j] = r[j] - eta * g[j];
                SimplexProjection.Project(step, lower, upper, trial);
                double decrease = 0, dist2 = 0;
                for (int j = 0; j < m; j++) { decrease += g[j] * (trial[j] - r[j]); dist2 += (trial[j] - r[j]) * (trial[j] - r[j]); }
                var gTrial = new double[m];
                double fTrial = Value(terms, trial, gTrial);
                // Sufficient decrease for projected gradient: f(r⁺) ≤ f(r) + gᵀ(r⁺ − r) + ‖r⁺ − r‖²/(2η).
                if (fTrial <= f + decrease + dist2 / (2 * eta) + 1e-15)
                {
                    moved = dist2 > 1e-30;
                    Array.Copy(trial, r, m); Array.Copy(gTrial, g, m);
                    double old = f; f = fTrial;
                    eta *= 1.5;
                    if (!moved || old - f < 1e-15 * Math.Max(1, Math.Abs(f))) moved = false;
                    break;
                }
                eta *= 0.5;
            }
            if (!moved) break;
        }
        var mixture = domains.Select((d, j) => (d, r[j])).ToDictionary(x => x.d, x => x.Item2);
        var losses = terms.ToDictionary(t => t.Domain, t => t.C + t.K * Math.Exp(Dot(t.T, r)));
        return new MixtureOptimum(mixture, losses, f, iter);
    }

    private static double Value(IReadOnlyList<MixingLawTerm> terms, double[] r, double[] gradient)
    {
        Array.Clear(gradient);
        double f = 0;
        foreach (var t in terms)
        {
            double e = t.K * Math.Exp(Dot(t.T, r));
            f += t.Weight * (t.C + e);
            for (int j = 0; j < r.Length; j++) gradient[j] += t.Weight * e * t.T[j];
        }
        return f;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) s += a[j] * b[j];
        return s;
    }
}
