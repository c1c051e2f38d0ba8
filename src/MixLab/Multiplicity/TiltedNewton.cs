using System.Runtime.CompilerServices;
using MixLab.Numerics;

namespace MixLab.Multiplicity;

/// <summary>How a Newton solve of the (tilted) logistic loss ended.</summary>
/// <param name="Value">F at the end.</param>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Converged">The Newton decrement fell below tolerance.</param>
/// <param name="Diverged">The weights ran off to infinity (no finite minimiser: separable data or a tilt beyond the reachable gradients).</param>
internal readonly record struct NewtonOutcome(double Value, int Iterations, bool Converged, bool Diverged);

/// <summary>
/// Damped Newton's method with backtracking (Armijo) for F(w) = L(w) − ν·aᵀw, the logistic loss tilted by a linear term
/// (multiplicity.md §2.3: plain Newton diverges for larger ν, the damped version does not). With ν = 0 it fits the baseline
/// model. Holds its buffers; one instance per thread.
/// </summary>
internal sealed class TiltedNewton
{
    private const double WeightLimit = 1e7;
    private readonly LogisticData _data;
    private readonly double _lambda;
    private readonly double[] _g, _h, _dir, _trial, _gTrial;
    private readonly DenseCholesky _cholesky;
    private readonly double[] _gramDiagonal;

    public TiltedNewton(LogisticData data, double lambda)
    {
        _data = data; _lambda = lambda;
        int d = data.Columns;
        _g = new double[d]; _h = new double[d * d]; _dir = new double[d]; _trial = new double[d]; _gTrial = new double[d];
        _cholesky = new DenseCholesky(d);
        _gramDiagonal = new double[d];
        for (int i = 0; i < data.Rows; i++)
            for (int j = 0; j < d; j++) _gramDiagonal[j] += data.X[i * d + j] * data.X[i * d + j] / data.Rows;
    }

    /// <summary>The Hessian at the last point evaluated by <see cref="Minimize"/> (the solution, on convergence), factorised.</summary>
    public DenseCholesky Factor => _cholesky;

    /// <summary>Minimises F from <paramref name="w"/> (updated in place).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NewtonOutcome Minimize(double[] w, double nu = 0, ReadOnlySpan<double> tilt = default, int maxIterations = 100)
    {
        int d = _data.Columns;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double f = LogisticLoss.ValueGradientHessian(_data, _lambda, w, _g, _h, nu, tilt);
            if (!_cholesky.Factor(_h))
            {
                // Singular Hessian (all rows saturated): fall back to a gradient step direction.
                for (int k = 0; k < d; k++) _dir[k] = -_g[k];
            }
            else
            {
                for (int k = 0; k < d; k++) _dir[k] = -_g[k];
                _cholesky.Solve(_dir);
            }
            double slope = LogisticLoss.Dot(_g, _dir);            // = −(Newton decrement)², and F − F* ≈ decrement²/2
            if (-slope < 1e-20 || MaxAbs(_g) < 1e-13) return new NewtonOutcome(f, iteration, true, _lambda == 0 && Saturated(nu));
            if (-slope < 1e-8)
            {
                // Inside the region of quadratic convergence the full step is taken: an Armijo test would compare
                // differences of F below its rounding error and stall.
                for (int k = 0; k < d; k++) w[k] += _dir[k];
                continue;
            }
            double step = 1;
            double fTrial = double.NaN;
            for (int back = 0; back < 60; back++)
            {
                for (int k = 0; k < d; k++) _trial[k] = w[k] + step * _dir[k];
                fTrial = LogisticLoss.Value(_data, _lambda, _trial) - (nu != 0 ? nu * LogisticLoss.Dot(tilt, _trial) : 0);
                if (fTrial <= f + 1e-4 * step * slope) break;
                step *= 0.5;
            }
            if (!(fTrial <= f)) return new NewtonOutcome(f, iteration, -slope < 1e-12, _lambda == 0 && Saturated(nu)); // no decrease left: at machine precision
            Array.Copy(_trial, w, d);
            if (MaxAbs(w) > WeightLimit) return new NewtonOutcome(fTrial, iteration + 1, false, true);
        }
        return new NewtonOutcome(LogisticLoss.Value(_data, _lambda, w), maxIterations, false, MaxAbs(w) > 1e4);
    }

    /// <summary>
    /// Minimises F by chord iterations, w ← w − H_c⁻¹∇F(w), with a Hessian factorised earlier at a nearby point (one O(n·d)
    /// pass per step instead of O(n·d²)); converges linearly at a rate set by how much H has changed. Returns not converged
    /// (the caller then falls back to <see cref="Minimize"/>) when a step does not decrease F or 60 steps do not suffice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public NewtonOutcome MinimizeChord(double[] w, double nu, ReadOnlySpan<double> tilt, DenseCholesky chord)
    {
        int d = _data.Columns;
        double f = LogisticLoss.ValueGradient(_data, _lambda, w, _g, nu, tilt);
        for (int iteration = 0; iteration < 60; iteration++)
        {
            for (int k = 0; k < d; k++) _dir[k] = -_g[k];
            chord.Solve(_dir);
            double slope = LogisticLoss.Dot(_g, _dir);
            if (!(slope < 0)) return new NewtonOutcome(f, iteration, false, false);
            if (-slope < 1e-20 || MaxAbs(_g) < 1e-13) return new NewtonOutcome(f, iteration, true, false);
            for (int k = 0; k < d; k++) _trial[k] = w[k] + _dir[k];
            double fTrial = LogisticLoss.ValueGradient(_data, _lambda, _trial, _gTrial, nu, tilt);
            if (!(fTrial <= f + 1e-4 * slope) && -slope > 1e-10) return new NewtonOutcome(f, iteration, false, false);
            Array.Copy(_trial, w, d);
            Array.Copy(_gTrial, _g, d);
            f = fTrial;
        }
        return new NewtonOutcome(f, 60, false, false);
    }

    /// <summary>
    /// True when the Hessian at the stopping point, scaled to unit Gram diagonal (H_ij / sqrt(G_ii G_jj), G = XᵀX/n, so the
    /// test does not depend on feature scale), has an eigenvalue below a threshold: without a penalty, a "solution" whose rows along
    /// some direction all have p(1 − p) that small is a point on the way to infinity whose gradient merely underflowed
    /// (separable data, or a tilt no finite model balances). Rows with large but finite margins do not trigger it.
    /// </summary>
    private bool Saturated(double nu)
    {
        // The baseline fit (ν = 0) uses 1e-8. A tilted solve may legitimately push a small group to p(1 − p) ~ 1e-9 (a KL ball
        // of large radius around it), so only a true underflow counts there.
        double threshold = nu == 0 ? 1e-8 : 1e-14;
        int d = _data.Columns;
        var scaled = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) scaled[i * d + j] = _h[i * d + j] / Math.Sqrt(_gramDiagonal[i] * _gramDiagonal[j]);
        if (SmallestEigenvalue.ClearlyAbove(scaled, d, threshold)) return false;
        var h = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => scaled[i * d + j]);
        double smallest = h.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Min();
        return smallest < threshold;
    }

    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }
}
