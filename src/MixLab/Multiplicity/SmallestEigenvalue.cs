using MixLab.Numerics;

namespace MixLab.Multiplicity;

/// <summary>
/// A quick, one-sided test for "the smallest eigenvalue of this symmetric matrix exceeds a threshold", for the rank and
/// saturation checks that would otherwise run a full eigendecomposition (Math.NET's, which also costs its first-use start-up)
/// on every fit.
/// </summary>
internal static class SmallestEigenvalue
{
    /// <summary>
    /// True when a Cholesky factorisation of A − (t + m)·I succeeds, m = 64·d²·u·max_i A_ii (u the unit roundoff): then
    /// λ_min(A) &gt; t for certain, because the factorisation's backward error is below (d + 1)·d·u·max_i A_ii, far inside m.
    /// An eigenvalue solver's answer is within a few d·u·‖A‖ of the true λ_min, so the callers, which fall back to that solver
    /// whenever this returns false, reach the same decision as with the solver alone, except for a matrix whose λ_min lies
    /// within m (about 10⁻¹³ for d = 11 with unit diagonal) of the threshold, which goes the slow way.
    /// </summary>
    public static bool ClearlyAbove(ReadOnlySpan<double> a, int d, double threshold)
    {
        double maxDiagonal = 0;
        for (int i = 0; i < d; i++) maxDiagonal = Math.Max(maxDiagonal, a[i * d + i]);
        if (!(maxDiagonal > 0) || !double.IsFinite(maxDiagonal)) return false;
        double shift = threshold + 64.0 * d * d * (Math.BitIncrement(1.0) - 1) / 2 * maxDiagonal;
        var shifted = new double[d * d];
        a[..(d * d)].CopyTo(shifted);
        for (int i = 0; i < d; i++) shifted[i * d + i] -= shift;
        return new DenseCholesky(d).Factor(shifted);
    }
}
