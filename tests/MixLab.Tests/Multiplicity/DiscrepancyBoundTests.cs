using MixLab.Multiplicity;
using MixLab.Numerics;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// <see cref="DiscrepancyBound"/> gives exactly the counts of the plain evaluation σ(Dot(x_j, w)) for every model and row
/// (its blocked dot products, its σ-free shortcut and its parallel loop change no result), and
/// <see cref="SmallestEigenvalue.ClearlyAbove"/> never claims more than the eigenvalues say.
/// </summary>
public sealed class DiscrepancyBoundTests
{
    /// <summary>The definition, as MultiplicityAnalysis evaluated it before the kernel existed.</summary>
    private static (double Moved, double Flipped) Plain(LogisticData data, LogisticModel model, IEnumerable<double[]> models, double delta, double threshold)
    {
        int n = data.Rows;
        var h0 = Enumerable.Range(0, n).Select(i => model.Predict(data.Row(i))).ToArray();
        double best = 0, bestFlip = 0;
        foreach (var w in models)
        {
            int moved = 0, flipped = 0;
            for (int j = 0; j < n; j++)
            {
                double p = LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(j), w));
                if (Math.Abs(p - h0[j]) >= delta) moved++;
                if ((p >= threshold) != (h0[j] >= threshold)) flipped++;
            }
            best = Math.Max(best, (double)moved / n);
            bestFlip = Math.Max(bestFlip, (double)flipped / n);
        }
        return (best, bestFlip);
    }

    private static (LogisticData Data, LogisticModel Model, List<double[]> Models) Random(int n, int features, int modelCount, double spread, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var x = new double[n][];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = Enumerable.Range(0, features).Select(_ => rng.NextGaussian()).ToArray();
            y[i] = rng.NextDouble() < 0.5 ? 1 : 0;
        }
        var data = LogisticData.FromFeatures(x, y);
        var w0 = Enumerable.Range(0, data.Columns).Select(_ => 0.5 * rng.NextGaussian()).ToArray();
        var model = new LogisticModel(w0, 0.5, 1, true, 0.5);
        var models = new List<double[]>();
        for (int m = 0; m < modelCount; m++)
            models.Add(w0.Select(v => v + spread * rng.NextGaussian()).ToArray());
        // A model object shared by two rows (duplicate feature rows share their extremal models).
        if (models.Count > 2) models.Add(models[1]);
        return (data, model, models);
    }

    [Theory]
    // n odd and even, d below and above the 4-lane blocked path (d ≥ 8) with 0 to 3 columns past the last full chunk
    // (d = features + 1: 13, 51, 7, 10, 17, 16), model counts not a multiple of 4.
    [InlineData(301, 12, 37, 0.05, 1UL)]
    [InlineData(300, 50, 41, 0.02, 2UL)]
    [InlineData(97, 6, 10, 0.3, 3UL)]
    [InlineData(513, 9, 66, 1.0, 4UL)]
    [InlineData(64, 16, 8, 0.001, 5UL)]
    [InlineData(128, 15, 23, 0.1, 8UL)]
    public void Counts_equal_the_plain_evaluation(int n, int features, int modelCount, double spread, ulong seed)
    {
        var (data, model, models) = Random(n, features, modelCount, spread, seed);
        // δ and τ on and off the shortcut's range (δ ≥ 1e-5, 1e-6 ≤ τ ≤ 1 − 1e-6), including τ where many logits sit near logit(τ).
        foreach (double delta in new[] { 0.1, 0.02, 0.001, 1e-6, 0.0, 0.5 })
            foreach (double threshold in new[] { 0.5, 0.3, 0.9, 1e-7, 1.0, 0.0 })
                foreach (int? threads in new int?[] { 1, 2, null })
                {
                    var expected = Plain(data, model, models, delta, threshold);
                    var actual = DiscrepancyBound.Compute(data, model, models, delta, threshold, threads);
                    Assert.True(expected == actual, $"δ={delta} τ={threshold} threads={threads}: expected {expected}, got {actual}");
                }
    }

    [Fact]
    public void Rows_on_the_shortcut_boundaries_count_as_the_plain_evaluation_says()
    {
        // Models whose logits at some rows land just inside and outside 4δ of h0's logit and within 1e-6 of logit(τ).
        var (data, model, _) = Random(200, 10, 0, 0, 6UL);
        double delta = 0.1, threshold = 0.5;
        var models = new List<double[]>();
        var rng = new SeededRandom(7UL);
        for (int m = 0; m < 24; m++)
        {
            int row = rng.NextInt(data.Rows);
            var x = data.Row(row).ToArray();
            double t0 = LogisticLoss.Dot(x, model.Weights), norm = LogisticLoss.Dot(x, x);
            double target = (m % 4) switch
            {
                0 => t0 + 4 * delta * (1 - 1e-9) * (1 - 1e-12),   // just inside the σ-free region
                1 => t0 - 4 * delta,                               // on its edge
                2 => 1e-6 * (m % 8 < 4 ? 1 : -1),                  // at the τ band
                _ => 1e-6 * (1 + 1e-9),
            };
            models.Add(model.Weights.Select((v, k) => v + (target - t0) * x[k] / norm).ToArray());
        }
        Assert.Equal(Plain(data, model, models, delta, threshold), DiscrepancyBound.Compute(data, model, models, delta, threshold, 2));
    }

    [Fact]
    public void ClearlyAbove_never_contradicts_the_eigenvalues()
    {
        var rng = new SeededRandom(11UL);
        foreach (int d in new[] { 2, 5, 11, 51 })
            for (int trial = 0; trial < 40; trial++)
            {
                // A = Q diag(λ) Qᵀ with λ_min spread around the threshold t, from far below to far above.
                double t = trial % 2 == 0 ? 1e-10 : 1e-8;
                double smallest = t * Math.Pow(10, rng.NextDouble() * 6 - 3);
                var lambda = Enumerable.Range(0, d).Select(i => i == 0 ? smallest : 0.1 + rng.NextDouble()).ToArray();
                var q = RandomOrthogonal(d, rng);
                var a = new double[d * d];
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++)
                    {
                        double s = 0;
                        for (int k = 0; k < d; k++) s += q[i * d + k] * lambda[k] * q[j * d + k];
                        a[i * d + j] = s;
                    }
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < i; j++) a[j * d + i] = a[i * d + j];
                double evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => a[i * d + j])
                    .Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Min();
                if (SmallestEigenvalue.ClearlyAbove(a, d, t))
                    Assert.True(evd > t, $"d={d}: ClearlyAbove said λ_min > {t}, the eigendecomposition gives {evd}");
                if (evd > 10 * t + 1e-12 * d * d)
                    Assert.True(SmallestEigenvalue.ClearlyAbove(a, d, t), $"d={d}: λ_min {evd} is well above {t}, the quick test should see it");
            }
        Assert.False(SmallestEigenvalue.ClearlyAbove(new double[4], 2, 1e-10));
    }

    private static double[] RandomOrthogonal(int d, SeededRandom rng)
    {
        // Gram-Schmidt on a Gaussian matrix (columns).
        var q = new double[d * d];
        for (int k = 0; k < d * d; k++) q[k] = rng.NextGaussian();
        for (int c = 0; c < d; c++)
        {
            for (int p = 0; p < c; p++)
            {
                double dot = 0;
                for (int r = 0; r < d; r++) dot += q[r * d + c] * q[r * d + p];
                for (int r = 0; r < d; r++) q[r * d + c] -= dot * q[r * d + p];
            }
            double norm = Math.Sqrt(Enumerable.Range(0, d).Sum(r => q[r * d + c] * q[r * d + c]));
            for (int r = 0; r < d; r++) q[r * d + c] /= norm;
        }
        return q;
    }
}
