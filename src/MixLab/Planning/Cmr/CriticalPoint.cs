namespace MixLab.Planning.Cmr;

/// <summary>Where the Lagrangian F = L_dom + λ(L_gen − L_gen0 − ε) stops rising along T, and whether it exists.</summary>
/// <param name="T0">The critical point, or null when there is none in the searched range.</param>
/// <param name="Kind">How it was found.</param>
public sealed record CriticalPointResult(double? T0, CriticalPointKind Kind);

/// <summary>What the critical-point search found.</summary>
public enum CriticalPointKind
{
    /// <summary>∂F/∂T changes sign from + to − at T0.</summary>
    Crossing,
    /// <summary>∂F/∂T ≤ 0 over the whole range: the general loss never rises enough to matter (T0 = 0).</summary>
    NeverRising,
    /// <summary>∂F/∂T &gt; 0 over the whole range: F still rises at the end (T0 beyond the range).</summary>
    StillRising,
}

/// <summary>
/// Solves the CMR paper's stationarity condition (Gu et al., arXiv 2407.17467, Eq. 26):
/// ∂F/∂T = α1 s1 T^(s1−1) + λ(α2 s2 T^(s2−1) + α3 s3 T^(s3−1)) = 0, by scanning a logarithmic grid on (0, T_max]
/// for the sign change from + to − and bisecting it (rather than iterating the implicit Eq. 7). With λ = ∞ the
/// domain term drops out and T0 is the peak of the general-loss bump, whose closed form is
/// T0 = (−α3 s3 / (α2 s2))^(1/(s2 − s3)) (laws.md §1.4).
/// </summary>
public static class CriticalPoint
{
    private const int GridPoints = 400;

    /// <summary>Finds T0 in [tMin, tMax]; <paramref name="lambda"/> may be +∞.</summary>
    public static CriticalPointResult Solve(TokenCurves curves, double lambda, double tMin, double tMax)
    {
        if (!(tMin > 0) || !(tMax > tMin)) throw new ArgumentException("need 0 < tMin < tMax");
        if (!(lambda > 0)) throw new ArgumentException("lambda must be positive (or +infinity)");
        double H(double t) => double.IsPositiveInfinity(lambda)
            ? curves.GeneralSlope(t)
            : curves.DomainSlope(t) + lambda * curves.GeneralSlope(t);

        double logMin = Math.Log(tMin), logMax = Math.Log(tMax);
        double prevT = tMin, prevH = H(tMin);
        bool anyPositive = prevH > 0;
        for (int i = 1; i <= GridPoints; i++)
        {
            double t = Math.Exp(logMin + (logMax - logMin) * i / GridPoints);
            double h = H(t);
            anyPositive |= h > 0;
            if (prevH > 0 && h <= 0) return new CriticalPointResult(Bisect(H, prevT, t), CriticalPointKind.Crossing);
            prevT = t; prevH = h;
        }
        return anyPositive ? new CriticalPointResult(null, CriticalPointKind.StillRising) : new CriticalPointResult(0, CriticalPointKind.NeverRising);
    }

    /// <summary>The λ → ∞ limit in closed form: the turning point of ΔL_gen; null when α2 s2 and α3 s3 have the same sign.</summary>
    public static double? PeakClosedForm(TokenCurves c)
    {
        double ratio = -c.Alpha3 * c.S3 / (c.Alpha2 * c.S2);
        if (!(ratio > 0) || c.S2 == c.S3) return null;
        return Math.Pow(ratio, 1 / (c.S2 - c.S3));
    }

    private static double Bisect(Func<double, double> h, double lo, double hi)
    {
        // Invariant: h(lo) > 0 ≥ h(hi). Bisect in log T, which is the natural scale of power laws.
        double a = Math.Log(lo), b = Math.Log(hi);
        for (int i = 0; i < 200 && b - a > 1e-14; i++)
        {
            double m = 0.5 * (a + b);
            if (h(Math.Exp(m)) > 0) a = m; else b = m;
        }
        return Math.Exp(0.5 * (a + b));
    }
}
