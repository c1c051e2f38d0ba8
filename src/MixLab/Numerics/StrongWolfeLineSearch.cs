using System.Runtime.CompilerServices;

namespace MixLab.Numerics;

/// <summary>
/// Line search for a step t along d satisfying the strong Wolfe conditions
/// φ(t) ≤ φ(0) + c1 t φ'(0) and |φ'(t)| ≤ c2 |φ'(0)|, with φ(t) = f(x + t d)
/// (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6, cubic interpolation in zoom).
/// </summary>
internal sealed class StrongWolfeLineSearch(IObjective objective, double c1, double c2)
{
    private const int MaxBracketSteps = 40;
    private const int MaxZoomSteps = 40;
    private const double MaxStep = 1e10;

    private readonly double[] _loX = new double[objective.Dimension];
    private readonly double[] _loG = new double[objective.Dimension];

    /// <summary>The accepted step, or failure when no point with sufficient decrease was found.</summary>
    public readonly record struct Outcome(bool Success, double Step, double Value, int Evaluations);

    /// <summary>
    /// Searches from (x, f, g) along d. On success <paramref name="xOut"/> and <paramref name="gOut"/> hold the
    /// accepted point and its gradient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Outcome Search(double[] x, double f0, double[] g0, double[] d, double initialStep, double[] xOut, double[] gOut, int evaluationBudget)
    {
        double dphi0 = QuasiNewtonMinimizer.Dot(g0, d);
        int evaluations = 0;
        double tPrev = 0, phiPrev = f0, dphiPrev = dphi0;
        double t = initialStep;
        bool haveLo = false; // whether _loX/_loG hold the point at tPrev (t = 0 is x itself)

        for (int i = 0; i < MaxBracketSteps && evaluations < evaluationBudget; i++)
        {
            double phi = Probe(x, d, t, xOut, gOut, out double dphi);
            evaluations++;
            if (!double.IsFinite(phi))
            {
                // Stepped into a region where f is undefined: shrink toward the last good point.
                t = tPrev + 0.1 * (t - tPrev);
                i--; if (evaluations >= evaluationBudget || t - tPrev < 1e-20) break;
                continue;
            }
            if (phi > f0 + c1 * t * dphi0 || (i > 0 && phi >= phiPrev))
                return Zoom(x, f0, dphi0, d, tPrev, phiPrev, dphiPrev, haveLo, t, phi, dphi, xOut, gOut, evaluations, evaluationBudget);
            if (Math.Abs(dphi) <= -c2 * dphi0)
                return new Outcome(true, t, phi, evaluations);
            if (dphi >= 0)
            {
                // The minimum lies between t and tPrev; t is the low end.
                Array.Copy(xOut, _loX, xOut.Length); Array.Copy(gOut, _loG, gOut.Length);
                return Zoom(x, f0, dphi0, d, t, phi, dphi, true, tPrev, phiPrev, dphiPrev, xOut, gOut, evaluations, evaluationBudget);
            }
            Array.Copy(xOut, _loX, xOut.Length); Array.Copy(gOut, _loG, gOut.Length);
            haveLo = true;
            tPrev = t; phiPrev = phi; dphiPrev = dphi;
            t = Math.Min(2.0 * t, MaxStep);
        }
        return Fallback(tPrev, phiPrev, haveLo, f0, xOut, gOut, evaluations);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome Zoom(double[] x, double f0, double dphi0, double[] d,
        double tLo, double phiLo, double dphiLo, bool haveLo,
        double tHi, double phiHi, double dphiHi,
        double[] xOut, double[] gOut, int evaluations, int evaluationBudget)
    {
        for (int j = 0; j < MaxZoomSteps && evaluations < evaluationBudget; j++)
        {
            double t = CubicMinimizer(tLo, phiLo, dphiLo, tHi, phiHi, dphiHi);
            double lo = Math.Min(tLo, tHi), hi = Math.Max(tLo, tHi);
            double width = hi - lo;
            if (!double.IsFinite(t) || t < lo + 0.1 * width || t > hi - 0.1 * width) t = 0.5 * (tLo + tHi);
            if (width <= 1e-16 * Math.Max(1.0, hi)) break;

            double phi = Probe(x, d, t, xOut, gOut, out double dphi);
            evaluations++;
            if (!double.IsFinite(phi) || phi > f0 + c1 * t * dphi0 || phi >= phiLo)
            {
                tHi = t; phiHi = double.IsFinite(phi) ? phi : double.MaxValue; dphiHi = double.IsFinite(dphi) ? dphi : 0;
                continue;
            }
            if (Math.Abs(dphi) <= -c2 * dphi0)
                return new Outcome(true, t, phi, evaluations);
            if (dphi * (tHi - tLo) >= 0)
            {
                tHi = tLo; phiHi = phiLo; dphiHi = dphiLo;
            }
            Array.Copy(xOut, _loX, xOut.Length); Array.Copy(gOut, _loG, gOut.Length);
            haveLo = true;
            tLo = t; phiLo = phi; dphiLo = dphi;
        }
        return Fallback(tLo, phiLo, haveLo, f0, xOut, gOut, evaluations);
    }

    /// <summary>
    /// When the conditions cannot be met to machine precision, accept the best point seen if it decreased f;
    /// otherwise report failure (SciPy reports "precision loss" in this case).
    /// </summary>
    private Outcome Fallback(double tLo, double phiLo, bool haveLo, double f0, double[] xOut, double[] gOut, int evaluations)
    {
        if (haveLo && tLo > 0 && phiLo < f0)
        {
            Array.Copy(_loX, xOut, xOut.Length); Array.Copy(_loG, gOut, gOut.Length);
            return new Outcome(true, tLo, phiLo, evaluations);
        }
        return new Outcome(false, 0, f0, evaluations);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Probe(double[] x, double[] d, double t, double[] xOut, double[] gOut, out double dphi)
    {
        for (int i = 0; i < x.Length; i++) xOut[i] = x[i] + t * d[i];
        double phi = objective.Evaluate(xOut, gOut);
        dphi = QuasiNewtonMinimizer.Dot(gOut, d);
        return phi;
    }

    /// <summary>Minimiser of the cubic interpolating φ and φ' at a and b (Nocedal &amp; Wright eq. 3.59).</summary>
    private static double CubicMinimizer(double a, double fa, double dfa, double b, double fb, double dfb)
    {
        double d1 = dfa + dfb - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - dfa * dfb;
        if (disc < 0) return double.NaN;
        double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
        return b - (b - a) * (dfb + d2 - d1) / (dfb - dfa + 2 * d2);
    }
}
