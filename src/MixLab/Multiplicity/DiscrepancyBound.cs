using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MixLab.Multiplicity;

/// <summary>
/// The lower bounds on probabilistic and thresholded discrepancy from a set of competing models (the 2n extremal models of
/// the viable prediction ranges): for every model w, the number of rows j with |σ(x_jᵀw) − h0(x_j)| ≥ δ and the number whose
/// decision at τ (p ≥ τ) differs from h0's; the bounds are the largest counts over the models, divided by n. This is
/// O(models · n · d), after the ranges the largest cost of an analysis (5,000 × 50: 10,000 models × 5,000 rows).
/// <para>
/// The counts are exactly those of evaluating p = <see cref="LogisticLoss.Sigmoid"/>(<see cref="LogisticLoss.Dot"/>(x_j, w))
/// for every pair, only faster: (1) the dot products of two rows with four models are formed together, each with the same
/// sequence of 4-lane fused multiply-adds, the same horizontal sum and the same scalar tail as <see cref="LogisticLoss.Dot"/>,
/// so every logit t is bit-identical (the rows are taken in cache-sized blocks, which changes no sum); (2) σ(t) is not evaluated where both answers are certain from t alone: σ is
/// 1/4-Lipschitz, so |t − t0_j| &lt; 4δ(1 − 10⁻⁹) leaves |σ(t) − h0_j| below δ by far more than the rounding of the two
/// sigmoids (done only for δ ≥ 10⁻⁵), and t more than 10⁻⁶ from logit(τ) puts p on a definite side of τ (done only for
/// 10⁻⁶ ≤ τ ≤ 1 − 10⁻⁶, where that gap in t is at least 10⁻¹³ in p); (3) models run in parallel, and a model object shared
/// by several rows (duplicate feature rows) is evaluated once. Counts are integers and the maximum does not depend on the
/// order, so the result does not depend on the thread count.
/// </para>
/// </summary>
internal static class DiscrepancyBound
{
    /// <summary>Largest moved and flipped counts over <paramref name="models"/>, as shares of the rows.</summary>
    public static (double Discrepancy, double ThresholdDiscrepancy) Compute(LogisticData data, LogisticModel model, IEnumerable<double[]> models,
        double delta, double threshold, int? threads)
    {
        int n = data.Rows, d = data.Columns;
        var distinct = new List<double[]>();
        var seen = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        foreach (var w in models)
            if (seen.Add(w)) distinct.Add(w);

        var rows = new Rows(data, model, delta, threshold);
        bool blocked = Vector256.IsHardwareAccelerated && d >= 8;
        int quads = blocked ? distinct.Count / 4 : 0;
        int groups = (quads + QuadsPerGroup - 1) / QuadsPerGroup;
        int leftover = distinct.Count - 4 * quads;
        int bestMoved = 0, bestFlipped = 0;
        var gate = new object();
        void Keep(int moved, int flipped)
        {
            lock (gate)
            {
                bestMoved = Math.Max(bestMoved, moved);
                bestFlipped = Math.Max(bestFlipped, flipped);
            }
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        // Work items: groups of model quads through the blocked kernel, then the leftover models one by one. A group runs
        // over the rows block by block, so that a block stays in cache while all the group's models pass over it.
        Parallel.For(0, groups + leftover, parallel, item =>
        {
            if (item < groups)
            {
                int first = item * QuadsPerGroup, count = Math.Min(QuadsPerGroup, quads - first);
                var moved = new int[4 * count];
                var flipped = new int[4 * count];
                for (int j0 = 0; j0 < n; j0 += RowBlock)
                    for (int q = 0; q < count; q++)
                    {
                        int m = 4 * (first + q);
                        Quad(rows, distinct[m], distinct[m + 1], distinct[m + 2], distinct[m + 3], j0, Math.Min(n, j0 + RowBlock),
                            moved.AsSpan(4 * q, 4), flipped.AsSpan(4 * q, 4));
                    }
                Keep(moved.Max(), flipped.Max());
            }
            else
            {
                var w = distinct[4 * quads + item - groups];
                int moved = 0, flipped = 0;
                for (int j = 0; j < n; j++) rows.Classify(j, LogisticLoss.Dot(data.Row(j), w), ref moved, ref flipped);
                Keep(moved, flipped);
            }
        });
        return ((double)bestMoved / n, (double)bestFlipped / n);
    }

    /// <summary>Rows per cache block: 256 rows of 51 columns are 104 KB.</summary>
    private const int RowBlock = 256;
    /// <summary>Model quads per work item.</summary>
    private const int QuadsPerGroup = 16;

    /// <summary>The per-row quantities of h0 and the certainty tests.</summary>
    private sealed class Rows
    {
        public readonly LogisticData Data;
        private readonly double[] _t0, _h0;
        private readonly bool[] _h0Above;
        private readonly double _delta, _threshold, _near, _logitThreshold;
        private const double Band = 1e-6;

        /// <summary>Whether the shortcut (no σ where the answers are certain) applies for this δ and τ.</summary>
        public readonly bool Shortcut;

        public Rows(LogisticData data, LogisticModel model, double delta, double threshold)
        {
            Data = data;
            int n = data.Rows;
            _t0 = new double[n]; _h0 = new double[n]; _h0Above = new bool[n];
            for (int j = 0; j < n; j++)
            {
                _t0[j] = LogisticLoss.Dot(data.Row(j), model.Weights);
                _h0[j] = LogisticLoss.Sigmoid(_t0[j]);             // = model.Predict(row j)
                _h0Above[j] = _h0[j] >= threshold;
            }
            _delta = delta; _threshold = threshold;
            Shortcut = delta >= 1e-5 && threshold >= 1e-6 && threshold <= 1 - 1e-6;
            _near = 4 * delta * (1 - 1e-9);
            _logitThreshold = Math.Log(threshold / (1 - threshold));
        }

        /// <summary>Counts row <paramref name="j"/> for a model whose logit there is <paramref name="t"/>.</summary>
        public void Classify(int j, double t, ref int moved, ref int flipped)
        {
            if (Shortcut && Math.Abs(t - _t0[j]) < _near && Math.Abs(t - _logitThreshold) > Band)
            {
                if ((t > _logitThreshold) != _h0Above[j]) flipped++;
                return;
            }
            double p = LogisticLoss.Sigmoid(t);
            if (Math.Abs(p - _h0[j]) >= _delta) moved++;
            if ((p >= _threshold) != _h0Above[j]) flipped++;
        }

        /// <summary>
        /// <see cref="Classify"/> for the logits of four models at row <paramref name="j"/>: when all four answers are certain
        /// from t alone (the usual case), one vector test adds the flips to <paramref name="flipped"/>; otherwise row by row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Classify4(int j, double ta, double tb, double tc, double td, ref Vector256<long> flipped, ref int m0, ref int m1, ref int m2, ref int m3,
            ref int f0, ref int f1, ref int f2, ref int f3)
        {
            if (Shortcut)
            {
                var t = Vector256.Create(ta, tb, tc, td);
                var logit = Vector256.Create(_logitThreshold);
                var certain = Vector256.LessThan(Vector256.Abs(t - Vector256.Create(_t0[j])), Vector256.Create(_near))
                              & Vector256.GreaterThan(Vector256.Abs(t - logit), Vector256.Create(Band));
                if (Vector256.ExtractMostSignificantBits(certain) == 0b1111)
                {
                    var flips = Vector256.GreaterThan(t, logit) ^ (_h0Above[j] ? Vector256<double>.AllBitsSet : Vector256<double>.Zero);
                    flipped -= flips.AsInt64();   // all bits set = −1
                    return;
                }
            }
            Classify(j, ta, ref m0, ref f0);
            Classify(j, tb, ref m1, ref f1);
            Classify(j, tc, ref m2, ref f2);
            Classify(j, td, ref m3, ref f3);
        }
    }

    /// <summary>
    /// Adds the counts of four models over rows [<paramref name="from"/>, <paramref name="to"/>): per row four accumulators,
    /// each the 4-lane FMA chain of <see cref="LogisticLoss.Dot"/> over the same chunks in the same order, then its horizontal
    /// sum and scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Quad(Rows rows, double[] w0, double[] w1, double[] w2, double[] w3, int from, int to, Span<int> moved, Span<int> flipped4)
    {
        var data = rows.Data;
        int d = data.Columns, chunks = d & ~3;
        int m0 = 0, m1 = 0, m2 = 0, m3 = 0, f0 = 0, f1 = 0, f2 = 0, f3 = 0;
        var flipped = Vector256<long>.Zero;
        ref double x = ref MemoryMarshal.GetArrayDataReference(data.X);
        ref double v0 = ref MemoryMarshal.GetArrayDataReference(w0);
        ref double v1 = ref MemoryMarshal.GetArrayDataReference(w1);
        ref double v2 = ref MemoryMarshal.GetArrayDataReference(w2);
        ref double v3 = ref MemoryMarshal.GetArrayDataReference(w3);
        for (int j = from; j < to; j++)
        {
            ref double r = ref Unsafe.Add(ref x, j * d);
            Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int k = 0; k < chunks; k += 4)
            {
                var xr = Vector256.LoadUnsafe(ref r, (nuint)k);
                a0 = Vector256.FusedMultiplyAdd(xr, Vector256.LoadUnsafe(ref v0, (nuint)k), a0);
                a1 = Vector256.FusedMultiplyAdd(xr, Vector256.LoadUnsafe(ref v1, (nuint)k), a1);
                a2 = Vector256.FusedMultiplyAdd(xr, Vector256.LoadUnsafe(ref v2, (nuint)k), a2);
                a3 = Vector256.FusedMultiplyAdd(xr, Vector256.LoadUnsafe(ref v3, (nuint)k), a3);
            }
            rows.Classify4(j, Tail(Vector256.Sum(a0), ref r, ref v0, chunks, d), Tail(Vector256.Sum(a1), ref r, ref v1, chunks, d),
                Tail(Vector256.Sum(a2), ref r, ref v2, chunks, d), Tail(Vector256.Sum(a3), ref r, ref v3, chunks, d),
                ref flipped, ref m0, ref m1, ref m2, ref m3, ref f0, ref f1, ref f2, ref f3);
        }
        moved[0] += m0; moved[1] += m1; moved[2] += m2; moved[3] += m3;
        flipped4[0] += f0 + (int)flipped[0]; flipped4[1] += f1 + (int)flipped[1]; flipped4[2] += f2 + (int)flipped[2]; flipped4[3] += f3 + (int)flipped[3];
    }

    /// <summary>The scalar tail of <see cref="LogisticLoss.Dot"/>: s += a[k]·b[k] for the columns past the last full chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Tail(double s, ref double a, ref double b, int from, int d)
    {
        for (int k = from; k < d; k++) s += Unsafe.Add(ref a, k) * Unsafe.Add(ref b, k);
        return s;
    }
}
