using System.Runtime.CompilerServices;

namespace MixLab.Numerics;

/// <summary>
/// Unconstrained quasi-Newton minimiser (L-BFGS or dense BFGS) with a strong-Wolfe line search.
/// </summary>
/// <remarks>
/// Objective: min_x f(x), with g = ∇f.
/// Iteration k: d_k = −H_k g_k, where H_k approximates the inverse Hessian
///   L-BFGS: two-loop recursion over the last m pairs s_i = x_{i+1} − x_i, y_i = g_{i+1} − g_i, H_0 = γ I, γ = s·y / y·y;
///   BFGS:   H_{k+1} = (I − ρ s yᵀ) H_k (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs.
/// Step: x_{k+1} = x_k + t d_k with t satisfying the strong Wolfe conditions
///   f(x + t d) ≤ f(x) + c1 t gᵀd  and  |g(x + t d)ᵀd| ≤ c2 |gᵀd|   (Nocedal &amp; Wright, Alg. 3.5/3.6).
/// The first step is scaled to t = min(1, 1/‖g‖₂) as in SciPy. Stopping rules copy SciPy's (see
/// <see cref="QuasiNewtonOptions"/>). Written here rather than taken from Math.NET because Math.NET's
/// L-BFGS stops on different rules, and the published Chinchilla numbers depend on SciPy's.
/// </remarks>
public sealed class QuasiNewtonMinimizer
{
    private readonly QuasiNewtonOptions _options;

    /// <summary>Creates a minimiser with the given settings.</summary>
    public QuasiNewtonMinimizer(QuasiNewtonOptions? options = null) => _options = options ?? QuasiNewtonOptions.LimitedMemoryDefaults;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MinimizationResult Minimize(IObjective objective, ReadOnlySpan<double> start)
    {
        int n = objective.Dimension;
        if (start.Length != n) throw new ArgumentException($"start has {start.Length} values, the objective {n}", nameof(start));
        var o = _options;
        var x = start.ToArray();
        var g = new double[n];
        double f = objective.Evaluate(x, g);
        int evaluations = 1;
        if (!double.IsFinite(f) || !AllFinite(g))
            return new MinimizationResult(x, f, g, 0, evaluations, ExitCondition.NonFiniteValue);

        var memory = o.Update == QuasiNewtonUpdate.LimitedMemory ? new LbfgsMemory(n, o.History) : null;
        var dense = o.Update == QuasiNewtonUpdate.Dense ? new DenseInverseHessian(n) : null;
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var lineSearch = new StrongWolfeLineSearch(objective, o.SufficientDecrease, o.Curvature);
        bool fresh = true;

        for (int iteration = 0; ; iteration++)
        {
            if (MaxAbs(g) <= o.GradientTolerance)
                return new MinimizationResult(x, f, g, iteration, evaluations, ExitCondition.GradientTolerance);
            if (iteration >= o.MaxIterations)
                return new MinimizationResult(x, f, g, iteration, evaluations, ExitCondition.MaxIterations);
            if (evaluations >= o.MaxEvaluations)
                return new MinimizationResult(x, f, g, iteration, evaluations, ExitCondition.MaxEvaluations);

            if (memory is not null) memory.Direction(g, d); else dense!.Direction(g, d);
            double slope = Dot(g, d);
            if (!(slope < 0))
            {
                // The approximation lost positive definiteness: restart from steepest descent.
                memory?.Clear(); dense?.Reset();
                for (int i = 0; i < n; i++) d[i] = -g[i];
                slope = Dot(g, d);
                fresh = true;
            }

            double initialStep = fresh ? Math.Min(1.0, 1.0 / Math.Sqrt(Dot(g, g))) : 1.0;
            var step = lineSearch.Search(x, f, g, d, initialStep, xNew, gNew, o.MaxEvaluations - evaluations);
            evaluations += step.Evaluations;
            if (!step.Success)
                return new MinimizationResult(x, f, g, iteration, evaluations, ExitCondition.LineSearchFailed);

            double fNew = step.Value;
            // s = x_new − x, y = g_new − g (kept inside the updates).
            if (memory is not null) memory.Push(x, xNew, g, gNew); else dense!.Update(x, xNew, g, gNew, fresh);
            fresh = false;

            double decrease = (f - fNew) / Math.Max(Math.Max(Math.Abs(f), Math.Abs(fNew)), 1.0);
            double fPrevious = f;
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            f = fNew;
            if (o.RelativeFunctionTolerance > 0 && decrease <= o.RelativeFunctionTolerance)
                return new MinimizationResult(x, f, g, iteration + 1, evaluations, ExitCondition.FunctionTolerance);
            if (o.ScaleFreeFunctionTolerance > 0 && fPrevious - f <= o.ScaleFreeFunctionTolerance * Math.Abs(f))
                return new MinimizationResult(x, f, g, iteration + 1, evaluations, ExitCondition.FunctionTolerance);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (double v in a) m = Math.Max(m, Math.Abs(v));
        return m;
    }

    private static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (double v in a) if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>L-BFGS memory of (s, y) pairs and the two-loop recursion.</summary>
    private sealed class LbfgsMemory(int n, int capacity)
    {
        private readonly double[][] _s = NewRows(capacity, n);
        private readonly double[][] _y = NewRows(capacity, n);
        private readonly double[] _rho = new double[capacity];
        private readonly double[] _alpha = new double[capacity];
        private int _count, _head;

        private static double[][] NewRows(int rows, int n)
        {
            var r = new double[rows][];
            for (int i = 0; i < rows; i++) r[i] = new double[n];
            return r;
        }

        public void Clear() { _count = 0; _head = 0; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Push(double[] x, double[] xNew, double[] g, double[] gNew)
        {
            var s = _s[_head];
            var y = _y[_head];
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
                sy += s[i] * y[i];
                yy += y[i] * y[i];
            }
            // Skip pairs without positive curvature (SciPy's L-BFGS-B uses the same test with eps·yy).
            if (sy <= 2.220446049250313e-16 * yy) return;
            _rho[_head] = 1.0 / sy;
            _head = (_head + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Direction(double[] g, double[] d)
        {
            for (int i = 0; i < n; i++) d[i] = -g[i];
            if (_count == 0) return;
            int newest = (_head - 1 + capacity) % capacity;
            for (int k = 0, j = newest; k < _count; k++, j = (j - 1 + capacity) % capacity)
            {
                _alpha[j] = _rho[j] * Dot(_s[j], d);
                var y = _y[j];
                for (int i = 0; i < n; i++) d[i] -= _alpha[j] * y[i];
            }
            double gamma = Dot(_s[newest], _y[newest]) / Dot(_y[newest], _y[newest]);
            for (int i = 0; i < n; i++) d[i] *= gamma;
            int oldest = (_head - _count + capacity) % capacity;
            for (int k = 0, j = oldest; k < _count; k++, j = (j + 1) % capacity)
            {
                double beta = _rho[j] * Dot(_y[j], d);
                var s = _s[j];
                for (int i = 0; i < n; i++) d[i] += (_alpha[j] - beta) * s[i];
            }
        }
    }

    /// <summary>Dense BFGS inverse-Hessian approximation.</summary>
    private sealed class DenseInverseHessian
    {
        private readonly int _n;
        private readonly double[] _h;
        private readonly double[] _s, _y, _hy;

        public DenseInverseHessian(int n)
        {
            _n = n; _h = new double[n * n]; _s = new double[n]; _y = new double[n]; _hy = new double[n];
            Reset();
        }

        public void Reset()
        {
            Array.Clear(_h);
            for (int i = 0; i < _n; i++) _h[i * _n + i] = 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Direction(double[] g, double[] d)
        {
            for (int i = 0; i < _n; i++)
            {
                double v = 0;
                for (int j = 0; j < _n; j++) v += _h[i * _n + j] * g[j];
                d[i] = -v;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Update(double[] x, double[] xNew, double[] g, double[] gNew, bool first)
        {
            int n = _n;
            double sy = 0, yy = 0;
            for (int i = 0; i < n; i++) { _s[i] = xNew[i] - x[i]; _y[i] = gNew[i] - g[i]; sy += _s[i] * _y[i]; yy += _y[i] * _y[i]; }
            if (sy <= 2.220446049250313e-16 * yy) return;
            if (first)
            {
                // Scale H0 = (sᵀy / yᵀy) I before the first update (Nocedal & Wright eq. 6.20).
                Array.Clear(_h);
                for (int i = 0; i < n; i++) _h[i * n + i] = sy / yy;
            }
            double rho = 1.0 / sy;
            double yHy = 0;
            for (int i = 0; i < n; i++)
            {
                double v = 0;
                for (int j = 0; j < n; j++) v += _h[i * n + j] * _y[j];
                _hy[i] = v;
                yHy += _y[i] * v;
            }
            // H ← H − ρ (H y sᵀ + s yᵀ H) + (ρ² yᵀHy + ρ) s sᵀ   (H symmetric).
            double c = rho * rho * yHy + rho;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    _h[i * n + j] += -rho * (_hy[i] * _s[j] + _s[i] * _hy[j]) + c * _s[i] * _s[j];
        }
    }
}
