using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MixLab.Numerics;

namespace MixLab.Multiplicity;

/// <summary>One endpoint to find: the extremal model maximising v·w over the ε-level set, v = ±x.</summary>
/// <param name="Point">Index of the unique row whose range this is.</param>
/// <param name="Sign">+1 for the maximum, −1 for the minimum.</param>
/// <param name="EpsilonIndex">Index into the ascending ε list.</param>
internal readonly record struct EndpointRequest(int Point, int Sign, int EpsilonIndex);

/// <summary>
/// Finds many endpoints of viable prediction ranges at once (multiplicity.md §2.3, method C) by solving the KKT system of
/// max vᵀw s.t. L(w) = L0 + ε, namely ∇L(w) = ν·v and L(w) − L0 = ε, in the unknowns (w, ν) with chord-Newton steps whose
/// Hessian is the fixed, factorised H0 = ∇²L(w0):
/// H0·Δw − v·Δν = −(∇L − ν v), with limited-memory secant corrections to H0 (the first pair spans w0 → start), and Δν
/// chosen so that the quadratic model of L along the step lands on the level (<see cref="LevelStep"/>).
/// Each step needs only L and ∇L, and a batch of B endpoints gets them in one pass over the (deduplicated) rows as two
/// blocked matrix products, T = X·W and G = Xᵀ·R, with a vectorised softplus/sigmoid in between. Endpoints start at the
/// ellipsoid approximation (§2.4) and leave the batch when the level condition |L − L0 − ε| &lt; 1e-10·ε holds and the
/// stationarity residual can move the logit by at most 1e-11 (<see cref="Stationary"/>); the batch refills from a
/// shared queue. An endpoint that does not converge within
/// the step limit (strong curvature change, ranges reaching 0 or 1) is handed back for the exact per-point solver.
/// A converged point is an exact KKT point, so the range is exact to the stopping tolerances (§2.3: any w(ν) is extremal).
/// </summary>
internal sealed class BatchedEndpoints
{
    /// <summary>Endpoints solved together; a multiple of 16 (the column block of the kernels).</summary>
    public const int Batch = 64;
    private const int MaxSteps = 60;
    private const int ChunkRows = 32;

    private readonly CompressedRows _rows;
    private readonly LogisticModel _model;
    private readonly double _lambda;
    private readonly DenseCholesky _h0;
    private readonly IReadOnlyList<double> _epsilons;
    private readonly int _d, _stride;
    private readonly double[] _w;        // d'×B, row k holds coordinate k of every column
    private readonly double[] _g;        // d'×B
    private readonly double[] _loss;     // B
    private readonly double[] _t;        // ChunkRows×B
    private readonly Slot[] _slots = new Slot[Batch];
    private readonly double[] _f1, _b, _wk, _sk, _yk;
    private readonly double _l0;
    private readonly double[] _g0;
    private readonly bool[] _unitChunk;   // every row of the chunk has count 1 (no merged duplicates, no padding)

    private sealed class Slot
    {
        public EndpointRequest Request;
        public bool Active;
        public int Steps;
        public double Nu, Epsilon;
        public double[] V = [], A = [];
        public double[] PreviousW = [], PreviousG = [];
        public Secants Memory = null!;
    }

    /// <summary>
    /// Limited-memory BFGS pairs (Δw, Δ∇L) of one endpoint, applied on top of H0⁻¹ by the two-loop recursion, so that the
    /// chord steps pick up the curvature change between w0 and the endpoint (superlinear instead of linear convergence).
    /// </summary>
    private sealed class Secants(int d)
    {
        private const int Size = 8;
        private readonly double[][] _s = [.. Enumerable.Range(0, Size).Select(_ => new double[d])];
        private readonly double[][] _y = [.. Enumerable.Range(0, Size).Select(_ => new double[d])];
        private readonly double[] _rho = new double[Size], _alpha = new double[Size];
        private int _count, _next;

        public void Clear() { _count = 0; _next = 0; }

        public void Add(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
        {
            double sy = 0, ss = 0, yy = 0;
            for (int k = 0; k < d; k++) { sy += s[k] * y[k]; ss += s[k] * s[k]; yy += y[k] * y[k]; }
            if (!(sy > 1e-12 * Math.Sqrt(ss * yy))) return;
            s.CopyTo(_s[_next]); y.CopyTo(_y[_next]);
            _rho[_next] = 1 / sy;
            _next = (_next + 1) % Size;
            _count = Math.Min(_count + 1, Size);
        }

        /// <summary>q ← B q, B the inverse-Hessian approximation.</summary>
        public void Apply(Span<double> q, DenseCholesky h0)
        {
            for (int i = 0; i < _count; i++)
            {
                int j = (_next - 1 - i + Size) % Size;
                double a = _rho[j] * Dot(_s[j], q);
                _alpha[j] = a;
                var y = _y[j];
                for (int k = 0; k < d; k++) q[k] -= a * y[k];
            }
            h0.Solve(q);
            for (int i = _count - 1; i >= 0; i--)
            {
                int j = (_next - 1 - i + Size) % Size;
                double beta = _rho[j] * Dot(_y[j], q);
                var s = _s[j];
                for (int k = 0; k < d; k++) q[k] += (_alpha[j] - beta) * s[k];
            }
        }

        private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            double r = 0;
            for (int k = 0; k < a.Length; k++) r += a[k] * b[k];
            return r;
        }
    }

    public BatchedEndpoints(CompressedRows rows, LogisticModel model, double lambda, DenseCholesky h0, IReadOnlyList<double> epsilonsAscending)
    {
        _rows = rows; _model = model; _lambda = lambda; _h0 = h0; _epsilons = epsilonsAscending;
        _d = rows.Columns; _stride = rows.Stride;
        _w = new double[_stride * Batch];
        _g = new double[_stride * Batch];
        _loss = new double[Batch];
        _t = new double[ChunkRows * Batch];
        _f1 = new double[_d]; _b = new double[_d]; _wk = new double[_d]; _sk = new double[_d]; _yk = new double[_d];
        _unitChunk = new bool[(rows.PaddedRows + ChunkRows - 1) / ChunkRows];
        for (int c = 0; c < _unitChunk.Length; c++)
        {
            bool unit = true;
            for (int r = c * ChunkRows; r < Math.Min(rows.PaddedRows, (c + 1) * ChunkRows); r++) unit &= rows.Count[r] == 1;
            _unitChunk[c] = unit;
        }
        for (int s = 0; s < Batch; s++) { _slots[s] = new Slot { V = new double[_d], A = new double[_d], PreviousW = new double[_d], PreviousG = new double[_d], Memory = new Secants(_d) }; Idle(s); }
        // L0 through the same kernel as every later L, so that L − L0 carries no difference of rounding between two codes.
        Pass();
        double penalty = 0;
        for (int k = 1; k < _d; k++) penalty += model.Weights[k] * model.Weights[k];
        _l0 = _loss[0] / rows.Rows + lambda * penalty;
        // ∇L(w0) through the same kernel (zero up to the fit's tolerance): the first secant pair of every endpoint is the
        // move from w0 to its start, (w − w0, ∇L(w) − ∇L(w0)), so that its first step already knows the curvature change there.
        _g0 = new double[_d];
        for (int k = 0; k < _d; k++) _g0[k] = _g[k * Batch] / rows.Rows + (k > 0 ? 2 * lambda * model.Weights[k] : 0);
        Passes = 0;
    }

    /// <summary>Number of passes over the rows so far (each serves up to <see cref="Batch"/> endpoints).</summary>
    public long Passes { get; private set; }

    /// <summary>
    /// Solves requests taken from <paramref name="next"/> until it returns false. <paramref name="done"/> receives each
    /// endpoint with its logit vᵀw·sign (i.e. xᵀw) and model, or converged = false when it must be solved another way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(Func<EndpointRequest?> next, Action<EndpointRequest, bool, double, double[]> done, CancellationToken cancel)
    {
        int d = _d;
        int active = 0;
        bool exhausted = false;
        for (int s = 0; s < Batch; s++) { if (!exhausted && Fill(s, next)) active++; else { exhausted = true; Idle(s); } }
        while (active > 0)
        {
            cancel.ThrowIfCancellationRequested();
            Pass();
            for (int s = 0; s < Batch; s++)
            {
                var slot = _slots[s];
                if (!slot.Active) continue;
                // L, ∇L at column s.
                double penalty = 0;
                for (int k = 0; k < d; k++) _wk[k] = _w[k * Batch + s];
                for (int k = 1; k < d; k++) penalty += _wk[k] * _wk[k];
                double invN = 1.0 / _rows.Rows;
                double l = _loss[s] * invN + _lambda * penalty;
                for (int k = 0; k < d; k++)
                {
                    double g = _g[k * Batch + s] * invN + (k > 0 ? 2 * _lambda * _wk[k] : 0);
                    _g[k * Batch + s] = g;
                    _f1[k] = g - slot.Nu * slot.V[k];
                }
                double f2 = l - _l0 - slot.Epsilon;
                // Secant pair from the previous iterate (from w0 at the first step).
                for (int k = 0; k < d; k++) { _sk[k] = _wk[k] - slot.PreviousW[k]; _yk[k] = _g[k * Batch + s] - slot.PreviousG[k]; }
                slot.Memory.Add(_sk, _yk);
                slot.V.CopyTo(slot.A, 0);
                slot.Memory.Apply(slot.A, _h0);
                for (int k = 0; k < d; k++) { slot.PreviousW[k] = _wk[k]; slot.PreviousG[k] = _g[k * Batch + s]; }
                _f1.CopyTo(_b, 0);
                slot.Memory.Apply(_b, _h0);
                double decrement = 0, gb = 0, ga = 0, maxF1 = 0, qa = 0, vb = 0;
                for (int k = 0; k < d; k++)
                {
                    decrement += _f1[k] * _b[k];
                    qa += slot.V[k] * slot.A[k];
                    vb += slot.V[k] * _b[k];
                    double g = _g[k * Batch + s];
                    gb += g * _b[k];
                    ga += g * slot.A[k];
                    maxF1 = Math.Max(maxF1, Math.Abs(_f1[k]));
                }
                bool stationary = Stationary(decrement, maxF1, slot.Nu);
                if (stationary && Math.Abs(f2) < 1e-10 * slot.Epsilon && l - _l0 > 0)
                {
                    double t = 0;
                    for (int k = 0; k < d; k++) t += slot.V[k] * _wk[k];
                    done(slot.Request, true, slot.Request.Sign * t, (double[])_wk.Clone());
                    if (!exhausted && Fill(s, next)) continue;
                    exhausted = true; Idle(s); active--;
                    continue;
                }
                double dNu = LevelStep(f2, ga, gb, qa, vb, decrement);
                double nu = slot.Nu + dNu;
                if (++slot.Steps >= MaxSteps || !(ga > 0) || !(nu > 0) || !double.IsFinite(nu) || !double.IsFinite(decrement))
                {
                    done(slot.Request, false, double.NaN, []);
                    if (!exhausted && Fill(s, next)) continue;
                    exhausted = true; Idle(s); active--;
                    continue;
                }
                slot.Nu = nu;
                for (int k = 0; k < d; k++) _w[k * Batch + s] = _wk[k] + dNu * slot.A[k] - _b[k];
            }
        }
    }

    /// <summary>
    /// Stationarity of the tilted problem max vᵀw − (L(w) − L0 − ε)/ν at an iterate with residual f1 = ∇L − ν·v and
    /// quasi-Newton decrement f1ᵀB f1 (B ≈ ∇²L⁻¹): one more Newton step would raise that objective by about
    /// decrement / (2ν), and by Lagrangian duality this bounds how far vᵀw lies below the exact endpoint when the level
    /// condition holds. Stationary when that bound is at most <see cref="LogitTolerance"/>, or (as in the per-point solver)
    /// when the decrement is below 1e-20 or every residual below 1e-13.
    /// </summary>
    internal static bool Stationary(double decrement, double maxResidual, double nu) =>
        decrement < 1e-20 || maxResidual < 1e-13 || decrement <= 2 * nu * LogitTolerance;

    /// <summary>Largest logit error the stationarity test admits (the level test adds at most 1e-10·ε/ν).</summary>
    internal const double LogitTolerance = 1e-11;

    private bool Fill(int s, Func<EndpointRequest?> next)
    {
        if (next() is not { } request) return false;
        var slot = _slots[s];
        slot.Request = request; slot.Active = true; slot.Steps = 0;
        slot.Memory.Clear();
        Array.Copy(_model.Weights, slot.PreviousW, _d);
        Array.Copy(_g0, slot.PreviousG, _d);
        slot.Epsilon = _epsilons[request.EpsilonIndex];
        int d = _d;
        var x = _rows.X.AsSpan(request.Point * _stride, d);
        for (int k = 0; k < d; k++) slot.V[k] = request.Sign * x[k];
        slot.V.CopyTo(slot.A, 0);
        _h0.Solve(slot.A);
        double q = 0;
        for (int k = 0; k < d; k++) q += slot.V[k] * slot.A[k];
        // The ellipsoid approximation's extremal model, w0 + ν H0⁻¹v with ν = sqrt(2ε / vᵀH0⁻¹v).
        slot.Nu = Math.Sqrt(2 * slot.Epsilon / q);
        for (int k = 0; k < d; k++) _w[k * Batch + s] = _model.Weights[k] + slot.Nu * slot.A[k];
        return true;
    }

    private void Idle(int s)
    {
        _slots[s].Active = false;
        for (int k = 0; k < _d; k++) _w[k * Batch + s] = _model.Weights[k];
    }

    /// <summary>One pass: loss sums and unscaled gradients Σ_u x_u (c_u σ(t_u) − c⁺_u) of every column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pass()
    {
        Passes++;
        Array.Clear(_g);
        Array.Clear(_loss);
        int m = _rows.PaddedRows, stride = _stride;
        var x = _rows.X;
        for (int r0 = 0; r0 < m; r0 += ChunkRows)
        {
            int rows = Math.Min(ChunkRows, m - r0);
            var xc = x.AsSpan(r0 * stride, rows * stride);
            Multiply(xc, rows, stride, _w, _t);
            if (_unitChunk[r0 / ChunkRows]) ActivateUnitCounts(_t, rows, _rows.Positives.AsSpan(r0, rows), _loss);
            else Activate(_t, rows, _rows.Count.AsSpan(r0, rows), _rows.Positives.AsSpan(r0, rows), _loss);
            MultiplyTransposed(xc, rows, stride, _t, _g);
        }
    }

    /// <summary>T (rows×B) = Xc (rows×stride) · W (stride×B); rows is a multiple of 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(ReadOnlySpan<double> xc, int rows, int stride, double[] w, double[] t)
    {
        ref double wr = ref MemoryMarshal.GetArrayDataReference(w);
        ref double tr = ref MemoryMarshal.GetArrayDataReference(t);
        ref double xr = ref MemoryMarshal.GetReference(xc);
        for (int r = 0; r < rows; r += 4)
        {
            ref double xr0 = ref Unsafe.Add(ref xr, r * stride);
            ref double xr1 = ref Unsafe.Add(ref xr0, stride);
            ref double xr2 = ref Unsafe.Add(ref xr0, 2 * stride);
            ref double xr3 = ref Unsafe.Add(ref xr0, 3 * stride);
            for (int b = 0; b < Batch; b += 16)
            {
                Vector256<double> a00 = default, a01 = default, a02 = default, a03 = default;
                Vector256<double> a10 = default, a11 = default, a12 = default, a13 = default;
                Vector256<double> a20 = default, a21 = default, a22 = default, a23 = default;
                Vector256<double> a30 = default, a31 = default, a32 = default, a33 = default;
                ref double wk = ref Unsafe.Add(ref wr, b);
                for (int k = 0; k < stride; k++, wk = ref Unsafe.Add(ref wk, Batch))
                {
                    var w0 = Vector256.LoadUnsafe(ref wk);
                    var w1 = Vector256.LoadUnsafe(ref wk, 4);
                    var w2 = Vector256.LoadUnsafe(ref wk, 8);
                    var w3 = Vector256.LoadUnsafe(ref wk, 12);
                    var x0 = Vector256.Create(Unsafe.Add(ref xr0, k));
                    a00 = Vector256.FusedMultiplyAdd(x0, w0, a00); a01 = Vector256.FusedMultiplyAdd(x0, w1, a01);
                    a02 = Vector256.FusedMultiplyAdd(x0, w2, a02); a03 = Vector256.FusedMultiplyAdd(x0, w3, a03);
                    var x1 = Vector256.Create(Unsafe.Add(ref xr1, k));
                    a10 = Vector256.FusedMultiplyAdd(x1, w0, a10); a11 = Vector256.FusedMultiplyAdd(x1, w1, a11);
                    a12 = Vector256.FusedMultiplyAdd(x1, w2, a12); a13 = Vector256.FusedMultiplyAdd(x1, w3, a13);
                    var x2 = Vector256.Create(Unsafe.Add(ref xr2, k));
                    a20 = Vector256.FusedMultiplyAdd(x2, w0, a20); a21 = Vector256.FusedMultiplyAdd(x2, w1, a21);
                    a22 = Vector256.FusedMultiplyAdd(x2, w2, a22); a23 = Vector256.FusedMultiplyAdd(x2, w3, a23);
                    var x3 = Vector256.Create(Unsafe.Add(ref xr3, k));
                    a30 = Vector256.FusedMultiplyAdd(x3, w0, a30); a31 = Vector256.FusedMultiplyAdd(x3, w1, a31);
                    a32 = Vector256.FusedMultiplyAdd(x3, w2, a32); a33 = Vector256.FusedMultiplyAdd(x3, w3, a33);
                }
                ref double t0 = ref Unsafe.Add(ref tr, r * Batch + b);
                a00.StoreUnsafe(ref t0); a01.StoreUnsafe(ref t0, 4); a02.StoreUnsafe(ref t0, 8); a03.StoreUnsafe(ref t0, 12);
                ref double t1 = ref Unsafe.Add(ref t0, Batch);
                a10.StoreUnsafe(ref t1); a11.StoreUnsafe(ref t1, 4); a12.StoreUnsafe(ref t1, 8); a13.StoreUnsafe(ref t1, 12);
                ref double t2 = ref Unsafe.Add(ref t0, 2 * Batch);
                a20.StoreUnsafe(ref t2); a21.StoreUnsafe(ref t2, 4); a22.StoreUnsafe(ref t2, 8); a23.StoreUnsafe(ref t2, 12);
                ref double t3 = ref Unsafe.Add(ref t0, 3 * Batch);
                a30.StoreUnsafe(ref t3); a31.StoreUnsafe(ref t3, 4); a32.StoreUnsafe(ref t3, 8); a33.StoreUnsafe(ref t3, 12);
            }
        }
    }

    /// <summary>
    /// Multiplier change Δν of a step Δw = Δν·a − b (a = B v, b = B f1, B ≈ ∇²L⁻¹) that puts the quadratic model of L along
    /// the step on the level: f2 + gᵀΔw + ½ΔwᵀB⁻¹Δw = 0, i.e. ½(vᵀa)Δν² + (gᵀa − vᵀb)Δν + (f2 − gᵀb + ½ f1ᵀb) = 0, the root
    /// nearest the linearised one (gᵀb − f2)/gᵀa, to which it falls back when the quadratic has no real root.
    /// </summary>
    internal static double LevelStep(double f2, double ga, double gb, double qa, double vb, double decrement)
    {
        double linear = (gb - f2) / ga;
        double beta = ga - vb, gamma = f2 - gb + 0.5 * decrement;
        double discriminant = beta * beta - 2 * qa * gamma;
        if (!(discriminant >= 0) || !(qa > 0)) return linear;
        double root = Math.Sqrt(discriminant);
        // Stable forms of the two roots (−β ± √Δ)/qa.
        double r1 = beta > 0 ? -2 * gamma / (beta + root) : (-beta + root) / qa;
        double r2 = beta > 0 ? (-beta - root) / qa : -2 * gamma / (beta - root);
        double best = Math.Abs(r1 - linear) <= Math.Abs(r2 - linear) ? r1 : r2;
        return double.IsFinite(best) ? best : linear;
    }

    /// <summary>
    /// In place, logits → residuals c·σ(t) − c⁺ (the loss derivative summed over the rows sharing x), adding
    /// c·softplus(t) − c⁺·t to each column's loss.
    /// </summary>
    /// <summary>
    /// <see cref="Activate"/> for a chunk whose rows all have count 1, with the logarithms of the loss gathered per column:
    /// Σ_r softplus(t_r) = Σ_r max(t_r, 0) + log Π_r (1 + e^−|t_r|). The product of at most 32 factors in (1, 2] cannot
    /// overflow, and its rounding (about 1e-16 relative per factor) adds about 1e-16 per row to the loss sum, the same as
    /// rounding each logarithm; so each row costs one exponential and one division, and each column one logarithm.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ActivateUnitCounts(double[] t, int rows, ReadOnlySpan<double> positives, double[] loss)
    {
        ref double tr = ref MemoryMarshal.GetArrayDataReference(t);
        ref double lr = ref MemoryMarshal.GetArrayDataReference(loss);
        var one = Vector256.Create(1.0);
        for (int b = 0; b < Batch; b += 4)
        {
            var acc = Vector256.LoadUnsafe(ref lr, (nuint)b);
            var product = one;
            for (int r = 0; r < rows; r++)
            {
                ref double cell = ref Unsafe.Add(ref tr, r * Batch + b);
                var z = Vector256.LoadUnsafe(ref cell);
                var e = ExpNonPositive(-Vector256.Abs(z));
                var onePlus = one + e;
                var inverse = one / onePlus;
                var sigma = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), inverse, e * inverse);
                product *= onePlus;
                var cp = Vector256.Create(positives[r]);
                acc += Vector256.MaxNative(z, Vector256<double>.Zero) - cp * z;
                (sigma - cp).StoreUnsafe(ref cell);
            }
            (acc + LogAtLeastOne(product)).StoreUnsafe(ref lr, (nuint)b);
        }
    }

    /// <summary>
    /// log x for 1 ≤ x &lt; 2^1000 to a few ulps: x = 2^k·m with m ∈ [√½, √2), log x = k·ln 2 + 2 atanh((m − 1)/(m + 1))
    /// (<see cref="AtanhSeries"/>, |s| ≤ 0.1716), ln 2 split in two parts so that k·ln 2 is exact to rounding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> LogAtLeastOne(Vector256<double> x)
    {
        var bits = x.AsInt64();
        var exponent = Vector256.ShiftRightLogical(bits, 52) - Vector256.Create(1023L);
        var m = ((bits & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)).AsDouble();   // [1, 2)
        var high = Vector256.GreaterThan(m, Vector256.Create(1.4142135623730951));
        m = Vector256.ConditionalSelect(high, m * Vector256.Create(0.5), m);
        var k = Vector256.ConvertToDouble(exponent) + (Vector256.Create(1.0) & high.AsDouble());
        var s = (m - Vector256.Create(1.0)) / (m + Vector256.Create(1.0));
        var series = AtanhSeries(s);
        return Vector256.FusedMultiplyAdd(k, Vector256.Create(6.93147180369123816490e-01),
            Vector256.FusedMultiplyAdd(k, Vector256.Create(1.90821492927058770002e-10), series));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Activate(double[] t, int rows, ReadOnlySpan<double> count, ReadOnlySpan<double> positives, double[] loss)
    {
        ref double tr = ref MemoryMarshal.GetArrayDataReference(t);
        ref double lr = ref MemoryMarshal.GetArrayDataReference(loss);
        for (int b = 0; b < Batch; b += 4)
        {
            var acc = Vector256.LoadUnsafe(ref lr, (nuint)b);
            for (int r = 0; r < rows; r++)
            {
                ref double cell = ref Unsafe.Add(ref tr, r * Batch + b);
                var z = Vector256.LoadUnsafe(ref cell);
                var (softplus, sigma) = SoftplusSigmoid(z);
                var c = Vector256.Create(count[r]);
                var cp = Vector256.Create(positives[r]);
                acc += c * softplus - cp * z;
                (c * sigma - cp).StoreUnsafe(ref cell);
            }
            acc.StoreUnsafe(ref lr, (nuint)b);
        }
    }

    /// <summary>
    /// softplus(z) = log(1 + e^z) and σ(z) = 1 / (1 + e^−z) from one exponential e = e^−|z| and one division:
    /// softplus = max(z, 0) + log(1 + e) with log(1 + e) as in <see cref="Log1pUnit"/> (s = n / m, m = 2 + e or 3 + e),
    /// and σ = 1/(1 + e) or e/(1 + e); both quotients come from q = 1 / ((1 + e)·m), as s = n·(1 + e)·q and
    /// 1/(1 + e) = m·q (a few ulps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<double> Softplus, Vector256<double> Sigma) SoftplusSigmoid(Vector256<double> z)
    {
        var one = Vector256.Create(1.0);
        var e = ExpNonPositive(-Vector256.Abs(z));                 // e^{−|t|} ∈ (0, 1]
        var onePlus = one + e;
        var high = Vector256.GreaterThan(e, Vector256.Create(0.41421356237309503));
        var numerator = Vector256.ConditionalSelect(high, e - one, e);
        var denominator = e + Vector256.ConditionalSelect(high, Vector256.Create(3.0), Vector256.Create(2.0));
        var q = one / (onePlus * denominator);
        var inverse = denominator * q;                              // 1 / (1 + e)
        var s = numerator * onePlus * q;
        var softplus = Vector256.MaxNative(z, Vector256<double>.Zero) + AtanhSeries(s) + (Vector256.Create(0.69314718055994531) & high.AsDouble());
        var sigma = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), inverse, e * inverse);
        return (softplus, sigma);
    }

    /// <summary>
    /// e^x for x ≤ 0 to about 1 ulp: x = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor polynomial of degree 13
    /// (remainder below 2e-17; terms from r³ on in Estrin's scheme, for a short dependency chain), 2^k from the exponent
    /// bits; x below −708 is clamped (e^x then underflows to ~1e-308, far below what any mean loss or gradient can resolve).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ExpNonPositive(Vector256<double> x)
    {
        x = Vector256.MaxNative(x, Vector256.Create(-708.0));
        var shifter = Vector256.Create(6755399441055744.0);           // 1.5·2^52: adding it rounds to an integer
        var kShifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.4426950408889634), shifter);
        var k = kShifted - shifter;
        var r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-6.93147180369123816490e-01), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-1.90821492927058770002e-10), r);
        var r2 = r * r;
        var r4 = r2 * r2;
        // h(r) = Σ_{j=0}^{10} r^j / (j + 3)!, so that e^r = 1 + r + r²/2 + r³·h(r).
        var p01 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 24), r, Vector256.Create(1.0 / 6));
        var p23 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 720), r, Vector256.Create(1.0 / 120));
        var p45 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 40320), r, Vector256.Create(1.0 / 5040));
        var p67 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 3628800), r, Vector256.Create(1.0 / 362880));
        var p89 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 479001600), r, Vector256.Create(1.0 / 39916800));
        var p03 = Vector256.FusedMultiplyAdd(p23, r2, p01);
        var p47 = Vector256.FusedMultiplyAdd(p67, r2, p45);
        var p8a = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 6227020800), r2, p89);
        var h = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(p8a, r4, p47), r4, p03);
        var tail = Vector256.FusedMultiplyAdd(r, h, Vector256.Create(0.5));   // ½ + r·h
        var p = Vector256.FusedMultiplyAdd(r2, tail, r) + Vector256.Create(1.0);
        var bits = kShifted.AsInt64() - shifter.AsInt64() + Vector256.Create(1023L);
        return p * Vector256.ShiftLeft(bits, 52).AsDouble();
    }

    /// <summary>
    /// log(1 + e) for e ∈ [0, 1] to a few ulps: log(1 + e) = 2 atanh(s) with s = e / (2 + e), or ln 2 + 2 atanh(s) with
    /// s = (e − 1) / (e + 3) once 1 + e exceeds √2, so that |s| ≤ 0.1716 and the odd series 2(s + s³/3 + …) through s²³
    /// has a remainder below 1e-17.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> Log1pUnit(Vector256<double> e)
    {
        var high = Vector256.GreaterThan(e, Vector256.Create(0.41421356237309503));
        var numerator = Vector256.ConditionalSelect(high, e - Vector256.Create(1.0), e);
        var denominator = e + Vector256.ConditionalSelect(high, Vector256.Create(3.0), Vector256.Create(2.0));
        return AtanhSeries(numerator / denominator) + (Vector256.Create(0.69314718055994531) & high.AsDouble());
    }

    /// <summary>2 atanh(s) = 2(s + s³/3 + … + s²³/23) for |s| ≤ 0.1716 (remainder below 1e-17), the odd part in Estrin's scheme.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> AtanhSeries(Vector256<double> s)
    {
        var s2 = s * s;
        var s4 = s2 * s2;
        var s8 = s4 * s4;
        // p(u) = Σ_{j=0}^{10} u^j / (2j + 3), u = s².
        var p01 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 5), s2, Vector256.Create(1.0 / 3));
        var p23 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 9), s2, Vector256.Create(1.0 / 7));
        var p45 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 13), s2, Vector256.Create(1.0 / 11));
        var p67 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 17), s2, Vector256.Create(1.0 / 15));
        var p89 = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 21), s2, Vector256.Create(1.0 / 19));
        var p03 = Vector256.FusedMultiplyAdd(p23, s4, p01);
        var p47 = Vector256.FusedMultiplyAdd(p67, s4, p45);
        var p8a = Vector256.FusedMultiplyAdd(Vector256.Create(1.0 / 23), s4, p89);
        var p = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(p8a, s8, p47), s8, p03);
        var twoS = s + s;
        return Vector256.FusedMultiplyAdd(twoS * s2, p, twoS);
    }

    /// <summary>G (stride×B) += Xcᵀ (stride×rows) · R (rows×B); stride is a multiple of 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyTransposed(ReadOnlySpan<double> xc, int rows, int stride, double[] rm, double[] g)
    {
        ref double rr = ref MemoryMarshal.GetArrayDataReference(rm);
        ref double gr = ref MemoryMarshal.GetArrayDataReference(g);
        ref double xr = ref MemoryMarshal.GetReference(xc);
        for (int k = 0; k < stride; k += 4)
        {
            for (int b = 0; b < Batch; b += 16)
            {
                ref double g0 = ref Unsafe.Add(ref gr, k * Batch + b);
                ref double g1 = ref Unsafe.Add(ref g0, Batch);
                ref double g2 = ref Unsafe.Add(ref g0, 2 * Batch);
                ref double g3 = ref Unsafe.Add(ref g0, 3 * Batch);
                var a00 = Vector256.LoadUnsafe(ref g0); var a01 = Vector256.LoadUnsafe(ref g0, 4); var a02 = Vector256.LoadUnsafe(ref g0, 8); var a03 = Vector256.LoadUnsafe(ref g0, 12);
                var a10 = Vector256.LoadUnsafe(ref g1); var a11 = Vector256.LoadUnsafe(ref g1, 4); var a12 = Vector256.LoadUnsafe(ref g1, 8); var a13 = Vector256.LoadUnsafe(ref g1, 12);
                var a20 = Vector256.LoadUnsafe(ref g2); var a21 = Vector256.LoadUnsafe(ref g2, 4); var a22 = Vector256.LoadUnsafe(ref g2, 8); var a23 = Vector256.LoadUnsafe(ref g2, 12);
                var a30 = Vector256.LoadUnsafe(ref g3); var a31 = Vector256.LoadUnsafe(ref g3, 4); var a32 = Vector256.LoadUnsafe(ref g3, 8); var a33 = Vector256.LoadUnsafe(ref g3, 12);
                for (int r = 0; r < rows; r++)
                {
                    ref double rrow = ref Unsafe.Add(ref rr, r * Batch + b);
                    var r0 = Vector256.LoadUnsafe(ref rrow);
                    var r1 = Vector256.LoadUnsafe(ref rrow, 4);
                    var r2 = Vector256.LoadUnsafe(ref rrow, 8);
                    var r3 = Vector256.LoadUnsafe(ref rrow, 12);
                    ref double xk = ref Unsafe.Add(ref xr, r * stride + k);
                    var x0 = Vector256.Create(xk);
                    a00 = Vector256.FusedMultiplyAdd(x0, r0, a00); a01 = Vector256.FusedMultiplyAdd(x0, r1, a01);
                    a02 = Vector256.FusedMultiplyAdd(x0, r2, a02); a03 = Vector256.FusedMultiplyAdd(x0, r3, a03);
                    var x1 = Vector256.Create(Unsafe.Add(ref xk, 1));
                    a10 = Vector256.FusedMultiplyAdd(x1, r0, a10); a11 = Vector256.FusedMultiplyAdd(x1, r1, a11);
                    a12 = Vector256.FusedMultiplyAdd(x1, r2, a12); a13 = Vector256.FusedMultiplyAdd(x1, r3, a13);
                    var x2 = Vector256.Create(Unsafe.Add(ref xk, 2));
                    a20 = Vector256.FusedMultiplyAdd(x2, r0, a20); a21 = Vector256.FusedMultiplyAdd(x2, r1, a21);
                    a22 = Vector256.FusedMultiplyAdd(x2, r2, a22); a23 = Vector256.FusedMultiplyAdd(x2, r3, a23);
                    var x3 = Vector256.Create(Unsafe.Add(ref xk, 3));
                    a30 = Vector256.FusedMultiplyAdd(x3, r0, a30); a31 = Vector256.FusedMultiplyAdd(x3, r1, a31);
                    a32 = Vector256.FusedMultiplyAdd(x3, r2, a32); a33 = Vector256.FusedMultiplyAdd(x3, r3, a33);
                }
                a00.StoreUnsafe(ref g0); a01.StoreUnsafe(ref g0, 4); a02.StoreUnsafe(ref g0, 8); a03.StoreUnsafe(ref g0, 12);
                a10.StoreUnsafe(ref g1); a11.StoreUnsafe(ref g1, 4); a12.StoreUnsafe(ref g1, 8); a13.StoreUnsafe(ref g1, 12);
                a20.StoreUnsafe(ref g2); a21.StoreUnsafe(ref g2, 4); a22.StoreUnsafe(ref g2, 8); a23.StoreUnsafe(ref g2, 12);
                a30.StoreUnsafe(ref g3); a31.StoreUnsafe(ref g3, 4); a32.StoreUnsafe(ref g3, 8); a33.StoreUnsafe(ref g3, 12);
            }
        }
    }
}
