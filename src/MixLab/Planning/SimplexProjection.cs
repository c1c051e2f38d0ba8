namespace MixLab.Planning;

/// <summary>
/// Euclidean projection onto {r : Σ r_j = 1, lo_j ≤ r_j ≤ hi_j}: r_j = clamp(v_j − τ, lo_j, hi_j) with τ found by
/// bisection so the sum is 1 (the sum is monotone in τ).
/// </summary>
public static class SimplexProjection
{
    /// <summary>Projects <paramref name="v"/> into <paramref name="result"/>; the bounds must admit a point (Σlo ≤ 1 ≤ Σhi).</summary>
    public static void Project(ReadOnlySpan<double> v, ReadOnlySpan<double> lo, ReadOnlySpan<double> hi, Span<double> result)
    {
        double tLo = double.MaxValue, tHi = double.MinValue;
        for (int j = 0; j < v.Length; j++) { tLo = Math.Min(tLo, v[j] - hi[j]); tHi = Math.Max(tHi, v[j] - lo[j]); }
        for (int iter = 0; iter < 200; iter++)
        {
            double tau = 0.5 * (tLo + tHi);
            double sum = 0;
            for (int j = 0; j < v.Length; j++) sum += Math.Clamp(v[j] - tau, lo[j], hi[j]);
            if (sum > 1) tLo = tau; else tHi = tau;
            if (tHi - tLo < 1e-15) break;
        }
        double t = 0.5 * (tLo + tHi);
        for (int j = 0; j < v.Length; j++) result[j] = Math.Clamp(v[j] - t, lo[j], hi[j]);
    }
}
