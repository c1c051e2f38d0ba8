using MixLab.Numerics;

namespace MixLab.Multiplicity;

/// <summary>One point's viable prediction range at one ε.</summary>
/// <param name="Prediction">h0(x).</param>
/// <param name="Min">Smallest probability any model in the ε-level set gives x.</param>
/// <param name="Max">Largest such probability.</param>
/// <param name="MinAtLimit">The minimum is a limit (0) that no finite model reaches.</param>
/// <param name="MaxAtLimit">The maximum is a limit (1) that no finite model reaches.</param>
public readonly record struct PredictionRange(double Prediction, double Min, double Max, bool MinAtLimit, bool MaxAtLimit)
{
    /// <summary>Max − min.</summary>
    public double Width => Max - Min;
}

/// <summary>
/// The exact viable prediction range of a point over the ε-level set {w : L(w) ≤ L0 + ε} of logistic regression
/// (Watson-Daniels et al., arXiv 2206.01131), by the Lagrangian path of multiplicity.md §2.3: the extremal model for a
/// multiplier ν solves min L(w) − ν·xᵀw, φ(ν) = L(w(ν)) − L0 is monotone, and ν is found so that φ(ν) = ε by Newton's
/// method on log ν (dφ/dν = ν·xᵀH(w)⁻¹x, from the Hessian the inner solve already factorised), safeguarded by bisection.
/// Each inner solve is warm-started, and several ε are swept in increasing order from the previous solution.
/// </summary>
internal sealed class ViablePredictionRange
{
    private const double LogTolerance = 1e-10;
    private readonly LogisticData _data;
    private readonly LogisticModel _model;
    private readonly double _lambda;
    private readonly DenseCholesky _h0;
    private readonly TiltedNewton _newton;
    private readonly double[] _scratch, _w, _good, _feasible;
    private readonly DenseCholesky _chord;

    /// <summary>Creates a solver for one thread; <paramref name="h0"/> is the factorised Hessian at w0, shared read-only.</summary>
    public ViablePredictionRange(LogisticData data, LogisticModel model, double lambda, DenseCholesky h0)
    {
        _data = data; _model = model; _lambda = lambda; _h0 = h0;
        _newton = new TiltedNewton(data, lambda);
        _scratch = new double[data.Columns];
        _w = new double[data.Columns];
        _good = new double[data.Columns];
        _chord = new DenseCholesky(data.Columns);
        _feasible = new double[data.Columns];
    }

    /// <summary>Force chord iterations on or off (null: on from 17 columns); for tests.</summary>
    internal bool? UseChord { get; init; }

    /// <summary>xᵀH0⁻¹x, the quadratic approximation's curvature along x.</summary>
    public double Curvature(ReadOnlySpan<double> x)
    {
        x.CopyTo(_scratch);
        _h0.Solve(_scratch);
        return LogisticLoss.Dot(x, _scratch);
    }

    /// <summary>
    /// Ranges of <paramref name="x"/> at each ε (ascending); when <paramref name="extremes"/> is given, extremes[k][0] and
    /// extremes[k][1] receive the minimising and maximising models at ε_k.
    /// </summary>
    public PredictionRange[] Compute(ReadOnlySpan<double> x, IReadOnlyList<double> epsilons, double[][][]? extremes = null)
    {
        double t0 = LogisticLoss.Dot(x, _model.Weights);
        double curvature = Curvature(x);
        var result = new PredictionRange[epsilons.Count];
        // Chord steps pay off when a Hessian pass (O(n·d²)) costs many gradient passes (O(n·d)): from about 16 columns on.
        bool chord = UseChord ?? _data.Columns > 16;
        var hi = Endpoint(x, epsilons, curvature, +1, extremes, 1, chord);
        var lo = Endpoint(x, epsilons, curvature, -1, extremes, 0, chord);
        // The chord iterations are fast but their search can stall where the tilted problem is nearly degenerate; any
        // endpoint that did not land exactly on the level is recomputed with full Newton solves throughout.
        if (chord && hi.Any(e => !e.Exact)) hi = Endpoint(x, epsilons, curvature, +1, extremes, 1, chord: false);
        if (chord && lo.Any(e => !e.Exact)) lo = Endpoint(x, epsilons, curvature, -1, extremes, 0, chord: false);
        for (int k = 0; k < epsilons.Count; k++)
            result[k] = new PredictionRange(LogisticLoss.Sigmoid(t0), lo[k].Probability, hi[k].Probability, lo[k].AtLimit, hi[k].AtLimit);
        return result;
    }

    /// <summary>The small-ε (ellipsoid) approximation t0 ± sqrt(2ε·xᵀH0⁻¹x), mapped through σ (multiplicity.md §2.4).</summary>
    public PredictionRange Approximate(ReadOnlySpan<double> x, double epsilon)
    {
        double t0 = LogisticLoss.Dot(x, _model.Weights);
        double half = Math.Sqrt(2 * epsilon * Curvature(x));
        return new PredictionRange(LogisticLoss.Sigmoid(t0), LogisticLoss.Sigmoid(t0 - half), LogisticLoss.Sigmoid(t0 + half), false, false);
    }

    private static double MaxAbs(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }

    /// <summary>
    /// True when the run-off direction r = w − w_good raises sign·xᵀw and no row's margin s_i·x_iᵀr is negative (to
    /// rounding), i.e. the loss does not grow along r: the data are (quasi-)separable along it and the level set is
    /// unbounded there (multiplicity.md §2.5). With a penalty the loss is coercive and there is no such direction.
    /// </summary>
    private bool IsRecession(ReadOnlySpan<double> w, ReadOnlySpan<double> good, ReadOnlySpan<double> x, int sign)
    {
        if (_lambda > 0) return false;
        int d = _data.Columns;
        Span<double> r = stackalloc double[d];
        double norm = 0;
        for (int j = 0; j < d; j++) { r[j] = w[j] - good[j]; norm += r[j] * r[j]; }
        norm = Math.Sqrt(norm);
        if (!(norm > 0) || !double.IsFinite(norm)) return false;
        for (int j = 0; j < d; j++) r[j] /= norm;
        if (!(sign * LogisticLoss.Dot(x, r) > 0)) return false;
        for (int i = 0; i < _data.Rows; i++)
        {
            var row = _data.Row(i);
            double margin = (_data.Y[i] == 1 ? 1 : -1) * LogisticLoss.Dot(row, r);
            if (margin < -1e-6 * Math.Sqrt(LogisticLoss.Dot(row, row))) return false;
        }
        return true;
    }

    private (double Probability, bool AtLimit, bool Exact)[] Endpoint(ReadOnlySpan<double> x, IReadOnlyList<double> epsilons, double curvature, int sign,
        double[][][]? extremes, int slot, bool chord)
    {
        var output = new (double, bool, bool)[epsilons.Count];
        int d = _data.Columns;
        bool haveChord = false;
        double l0 = _model.Loss;
        // Warm start for the first ε: the quadratic approximation's extremal model w0 ± ν H0⁻¹x.
        Array.Copy(_model.Weights, _w, d);
        double u = double.NaN;
        for (int k = 0; k < epsilons.Count; k++)
        {
            double epsilon = epsilons[k];
            if (epsilon == 0)
            {
                output[k] = (LogisticLoss.Sigmoid(LogisticLoss.Dot(x, _model.Weights)), false, true);
                if (extremes is not null) extremes[k][slot] = (double[])_model.Weights.Clone();
                continue;
            }
            double target = Math.Log(epsilon);
            if (double.IsNaN(u))
            {
                double nu0 = Math.Sqrt(2 * epsilon / curvature);
                u = Math.Log(nu0);
                x.CopyTo(_scratch);
                _h0.Solve(_scratch);
                for (int j = 0; j < d; j++) _w[j] = _model.Weights[j] + sign * nu0 * _scratch[j];
            }
            double uLo = double.NegativeInfinity, uHi = double.PositiveInfinity;
            double gapLo = double.PositiveInfinity;    // log ε − log φ at the best point on the feasible side (φ < ε)
            bool diverged = false, done = false, haveFeasible = false;
            Array.Copy(_w, _good, d);
            for (int iteration = 0; iteration < 100 && !done; iteration++)
            {
                double nu = sign * Math.Exp(u);
                // Chord steps with the Hessian factorised at an earlier solution of this endpoint (one O(n·d) pass each);
                // a full Newton solve when there is none yet or the chord steps stall.
                NewtonOutcome outcome;
                if (chord && haveChord)
                {
                    outcome = _newton.MinimizeChord(_w, nu, x, _chord);
                    if (!outcome.Converged)
                    {
                        Array.Copy(_good, _w, d);
                        outcome = _newton.Minimize(_w, nu, x);
                        if (outcome.Converged && !outcome.Diverged) _chord.CopyFrom(_newton.Factor);
                    }
                }
                else
                {
                    outcome = _newton.Minimize(_w, nu, x);
                    if (outcome.Converged && !outcome.Diverged) { _chord.CopyFrom(_newton.Factor); haveChord = true; }
                }
                double uNext;
                if (outcome.Diverged || !outcome.Converged)
                {
                    // No finite minimiser for this tilt (the iterates run off), or the solve failed from its warm start: the
                    // answer lies at a smaller |ν|, or at the limit. Restart the next solve from the last good solution.
                    // Only a run-off along a recession direction of the loss (a direction along which no row's loss grows)
                    // can mean that the level set is unbounded and the endpoint a limit; other failures (a nearly
                    // singular Hessian deep in a wide level set) only mean that ν was too large.
                    diverged |= outcome.Diverged && IsRecession(_w, _good, x, sign);
                    uHi = u;
                    Array.Copy(_good, _w, d);
                    uNext = double.IsNegativeInfinity(uLo) ? u - 1 : 0.5 * (uLo + uHi);
                }
                else
                {
                    Array.Copy(_w, _good, d);
                    double t = LogisticLoss.Dot(x, _w);
                    double phi = outcome.Value + nu * t - l0;
                    if (!(phi > 0)) phi = 1e-300;
                    double gap = target - Math.Log(phi);
                    if (Math.Abs(gap) < LogTolerance) { done = true; break; }
                    if (gap > 0)
                    {
                        uLo = u;
                        gapLo = gap;
                        haveFeasible = true;
                        Array.Copy(_w, _feasible, d);
                    }
                    else uHi = u;
                    // d log φ / d log|ν| = ν²·xᵀH(w)⁻¹x / φ, with H approximated by the chord factorisation.
                    x.CopyTo(_scratch);
                    _chord.Solve(_scratch);
                    double slope = nu * nu * LogisticLoss.Dot(x, _scratch) / phi;
                    uNext = slope > 0 && double.IsFinite(slope) ? u + gap / slope : double.NaN;
                    if (!(uNext > uLo && uNext < uHi))
                        uNext = double.IsPositiveInfinity(uHi) ? u + 1 : double.IsNegativeInfinity(uLo) ? u - 1 : 0.5 * (uLo + uHi);
                }
                if (double.IsFinite(uLo) && double.IsFinite(uHi) && uHi - uLo < 1e-13) break;
                u = uNext;
                if (u > 60) break; // |ν| beyond e^60: the loss can no longer rise by ε along x
            }
            // A feasible-side solution this close to the level (|Δ log φ| < 1e-6, i.e. a relative error in ε of 1e-6) is the
            // answer even when the bracket closed on a boundary found by a run-off solve.
            if (!done && haveFeasible && gapLo < 1e-6) { Array.Copy(_feasible, _w, d); done = true; }
            bool atLimit = !done && (diverged || u > 60);
            if (!done && !atLimit && haveFeasible) Array.Copy(_feasible, _w, d);
            double tEnd = LogisticLoss.Dot(x, _w);
            output[k] = (atLimit ? (sign > 0 ? 1.0 : 0.0) : LogisticLoss.Sigmoid(tEnd), atLimit, done);
            if (extremes is not null) extremes[k][slot] = (double[])_w.Clone();
        }
        return output;
    }
}
