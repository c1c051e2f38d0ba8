using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>
/// Chinchilla parametric law L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Approach 3), fitted in the
/// log-sum-exp form log L̂ = LSE(a − α log N, b − β log D, e) with a = log A, b = log B, e = log E, from
/// Hoffmann's 4,500-point initialisation grid (laws.md §3.1).
/// </summary>
public sealed class ChinchillaLaw : LawDefinition
{
    /// <inheritdoc/>
    public override string Name => "chinchilla";
    /// <inheritdoc/>
    public override string Formula => "L(N, D) = E + A / N^alpha + B / D^beta";
    /// <inheritdoc/>
    public override string Summary => "loss over parameters N and tokens D (Hoffmann et al. 2022; Epoch AI replication)";

    /// <inheritdoc/>
    public override IReadOnlyList<string> RequiredColumns(RunLogTable table, LawOptions options) =>
        [RunLogColumns.Params, RunLogColumns.Tokens, RunLogColumns.Loss];

    /// <inheritdoc/>
    public override BoundLaw Bind(RunLogTable table, LawOptions options, string group) =>
        new Bound(table.Positive(RunLogColumns.Params), table.Positive(RunLogColumns.Tokens), table.Positive(RunLogColumns.Loss), options);

    /// <summary>Hoffmann's grid: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1}, a, b ∈ {0, 5, …, 25}, order (a, b, e, α, β).</summary>
    public static IEnumerable<double[]> HoffmannGrid()
    {
        foreach (double alpha in Grid(0, 2, 0.5))
            foreach (double beta in Grid(0, 2, 0.5))
                foreach (double e in Grid(-1, 1, 0.5))
                    foreach (double a in Grid(0, 25, 5))
                        foreach (double b in Grid(0, 25, 5))
                            yield return [a, b, e, alpha, beta];
    }

    /// <summary>Chinchilla bound to rows; θ = (a, b, e, α, β).</summary>
    internal sealed class Bound : BoundLaw
    {
        private readonly double[] _n, _d, _logN, _logD;
        private readonly IReadOnlyList<LawParameter> _parameters;

        public Bound(double[] n, double[] d, double[] loss, LawOptions options) : base(loss, ResidualSpace.Log)
        {
            _n = n; _d = d;
            _logN = n.Select(v => Math.Log(v)).ToArray();
            _logD = d.Select(v => Math.Log(v)).ToArray();
            _parameters = WithExponentBounds([new("a"), new("b"), new("e"), new("alpha", IsExponent: true), new("beta", IsExponent: true)], options);
        }

        public override IReadOnlyList<LawParameter> Parameters => _parameters;

        public override double[] Scale => _n.Select((v, i) => 6 * v * _d[i]).ToArray();

        public override IEnumerable<double[]> StartPoints() => HoffmannGrid();

        public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
        {
            Span<double> terms = [t[0] - t[3] * _logN[row], t[1] - t[4] * _logD[row], t[2]];
            double lse = LogSumExp.ValueAndWeights(terms);
            gradient[0] = terms[0];
            gradient[1] = terms[1];
            gradient[2] = terms[2];
            gradient[3] = -terms[0] * _logN[row];
            gradient[4] = -terms[1] * _logD[row];
            return lse;
        }

        /// <summary>
        /// The hot loop of the 4,500-start grid and the bootstrap: Σ w_i Huber_δ(LSE_i − log L_i) and its gradient,
        /// four rows at a time with <see cref="VectorMath"/>'s exp/log, then a scalar tail. Same arithmetic as
        /// <see cref="Predict"/> (checked against it in the tests).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override double HuberSum(ReadOnlySpan<double> t, ReadOnlySpan<double> weights, double delta, Span<double> gradient)
        {
            // The vector loop reads without bounds checks: check the lengths once here.
            if (weights.Length != RowCount) throw new ArgumentException($"{weights.Length} weights for {RowCount} rows", nameof(weights));
            if (t.Length < 5 || gradient.Length < 5) throw new ArgumentException("theta and gradient need 5 values");
            double a = t[0], b = t[1], e = t[2], alpha = t[3], beta = t[4];
            var logN = _logN; var logD = _logD; var target = Target;
            int n = logN.Length, i = 0;
            double ga = 0, gb = 0, ge = 0, galpha = 0, gbeta = 0, sum = 0;
            if (Vector256.IsHardwareAccelerated && n >= Vector256<double>.Count)
            {
                var va = Vector256.Create(a); var vb = Vector256.Create(b); var ve = Vector256.Create(e);
                var valpha = Vector256.Create(alpha); var vbeta = Vector256.Create(beta);
                var vdelta = Vector256.Create(delta); var half = Vector256.Create(0.5);
                Vector256<double> sSum = default, sA = default, sB = default, sE = default, sAlpha = default, sBeta = default;
                ref double rN = ref MemoryMarshal.GetArrayDataReference(logN);
                ref double rD = ref MemoryMarshal.GetArrayDataReference(logD);
                ref double rT = ref MemoryMarshal.GetArrayDataReference(target);
                ref double rW = ref MemoryMarshal.GetReference(weights);
                for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                {
                    var ln = Vector256.LoadUnsafe(ref rN, (nuint)i);
                    var ld = Vector256.LoadUnsafe(ref rD, (nuint)i);
                    var w = Vector256.LoadUnsafe(ref rW, (nuint)i);
                    var x1 = va - valpha * ln;
                    var x2 = vb - vbeta * ld;
                    var m = Vector256.Max(Vector256.Max(x1, x2), ve);
                    var e1 = VectorMath.ExpNonPositive(x1 - m); var e2 = VectorMath.ExpNonPositive(x2 - m); var e3 = VectorMath.ExpNonPositive(ve - m);
                    var s = e1 + e2 + e3;   // in [1, 3]: the largest term is exp(0)
                    var r = m + VectorMath.LogOneToFour(s) - Vector256.LoadUnsafe(ref rT, (nuint)i);
                    var ar = Vector256.Abs(r);
                    var inside = Vector256.LessThanOrEqual(ar, vdelta);
                    sSum += w * Vector256.ConditionalSelect(inside, half * r * r, vdelta * (ar - half * vdelta));
                    var dr = w * Vector256.ConditionalSelect(inside, r, Vector256.CopySign(vdelta, r));
                    var k = dr / s;
                    var w1 = k * e1; var w2 = k * e2;
                    sA += w1; sB += w2; sE += k * e3;
                    sAlpha -= w1 * ln; sBeta -= w2 * ld;
                }
                sum = Vector256.Sum(sSum); ga = Vector256.Sum(sA); gb = Vector256.Sum(sB); ge = Vector256.Sum(sE);
                galpha = Vector256.Sum(sAlpha); gbeta = Vector256.Sum(sBeta);
            }
            for (; i < n; i++)
            {
                double w = weights[i];
                if (w == 0) continue;
                double x1 = a - alpha * logN[i], x2 = b - beta * logD[i];
                double m = Math.Max(Math.Max(x1, x2), e);
                double e1 = Math.Exp(x1 - m), e2 = Math.Exp(x2 - m), e3 = Math.Exp(e - m);
                double s = e1 + e2 + e3;
                double r = m + Math.Log(s) - target[i];
                double ar = Math.Abs(r);
                double dr;
                if (ar <= delta) { sum += w * 0.5 * r * r; dr = w * r; }
                else { sum += w * delta * (ar - 0.5 * delta); dr = r > 0 ? w * delta : -w * delta; }
                double k = dr / s;
                double w1 = k * e1, w2 = k * e2;
                ga += w1; gb += w2; ge += k * e3;
                galpha -= w1 * logN[i]; gbeta -= w2 * logD[i];
            }
            gradient[0] = ga; gradient[1] = gb; gradient[2] = ge; gradient[3] = galpha; gradient[4] = gbeta;
            return sum;
        }

        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t) =>
            [new("E", Math.Exp(t[2])), new("A", Math.Exp(t[0])), new("B", Math.Exp(t[1])), new("alpha", t[3]), new("beta", t[4])];

        public override IReadOnlyList<NamedValue> Features(int row) => [new("params", _n[row]), new("tokens", _d[row])];
    }
}
