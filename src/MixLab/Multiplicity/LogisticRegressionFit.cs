namespace MixLab.Multiplicity;

/// <summary>The fitted baseline model h0 and how the fit went.</summary>
/// <param name="Weights">w0, intercept first.</param>
/// <param name="Loss">L0 = L(w0), the mean log-loss plus the L2 term.</param>
/// <param name="Iterations">Newton steps.</param>
/// <param name="Converged">The Newton decrement reached tolerance.</param>
/// <param name="Accuracy">Training accuracy at threshold 0.5.</param>
public sealed record LogisticModel(double[] Weights, double Loss, int Iterations, bool Converged, double Accuracy)
{
    /// <summary>h0(x) = σ(xᵀw0) for a row with the intercept first.</summary>
    public double Predict(ReadOnlySpan<double> row) => LogisticLoss.Sigmoid(LogisticLoss.Dot(row, Weights));
}

/// <summary>A fit that cannot have a finite optimum (λ = 0 on separable data).</summary>
public sealed class SeparableDataException(string message) : Exception(message);

/// <summary>
/// L2-regularised logistic regression with an unpenalised intercept, fitted by damped Newton's method
/// (multiplicity.md §2). With λ = 0 on (quasi-)separable data the loss has no minimiser; this is detected and reported.
/// </summary>
public static class LogisticRegressionFit
{
    /// <summary>Fits h0. Throws <see cref="SeparableDataException"/> when no finite optimum exists.</summary>
    public static LogisticModel Fit(LogisticData data, double lambda)
    {
        if (lambda < 0) throw new ArgumentOutOfRangeException(nameof(lambda), "lambda must be 0 or more");
        if (!data.Y.Contains((byte)0) || !data.Y.Contains((byte)1)) throw new ArgumentException("both classes must be present");
        if (lambda == 0) CheckFullRank(data);
        var w = new double[data.Columns];
        var newton = new TiltedNewton(data, lambda);
        var outcome = newton.Minimize(w, maxIterations: 200);
        if (outcome.Diverged || (lambda == 0 && !outcome.Converged))
            throw new SeparableDataException("the classes are (nearly) perfectly separable: with lambda = 0 the loss has no finite minimiser; give a positive --lambda, e.g. 0.01");
        int correct = 0;
        for (int i = 0; i < data.Rows; i++)
        {
            double p = LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(i), w));
            if ((p >= 0.5) == (data.Y[i] == 1)) correct++;
        }
        return new LogisticModel(w, LogisticLoss.Value(data, lambda, w), outcome.Iterations, outcome.Converged, (double)correct / data.Rows);
    }

    /// <summary>
    /// Without a penalty, linearly dependent columns (including the intercept: one-hot groups that keep every level) leave the
    /// optimum non-unique; say so, naming the columns of the weakest direction, rather than calling the data separable.
    /// </summary>
    private static void CheckFullRank(LogisticData data)
    {
        int d = data.Columns, n = data.Rows;
        // Gram matrix XᵀX/n, each entry summed over the rows in order (the lower triangle, mirrored: x_a·x_b = x_b·x_a).
        var gram = new double[d * d];
        var x = data.X;
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
            {
                double xa = x[i * d + a];
                for (int b = 0; b <= a; b++) gram[a * d + b] += xa * x[i * d + b] / n;
            }
        for (int a = 0; a < d; a++)
            for (int b = a + 1; b < d; b++) gram[a * d + b] = gram[b * d + a];
        var scale = new double[d];
        for (int j = 0; j < d; j++) scale[j] = Math.Sqrt(gram[j * d + j]);
        var scaled = new double[d * d];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++) scaled[a * d + b] = gram[a * d + b] / (scale[a] * scale[b]);
        // Full rank for certain (the usual case): no eigendecomposition needed. Otherwise decide, and name the columns, from it.
        if (SmallestEigenvalue.ClearlyAbove(scaled, d, 1e-10)) return;
        var evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (a, b) => scaled[a * d + b])
            .Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        int k = Enumerable.Range(0, d).MinBy(i => evd.EigenValues[i].Real);
        if (evd.EigenValues[k].Real > 1e-10) return;
        var v = evd.EigenVectors.Column(k);
        var involved = Enumerable.Range(0, d).Where(j => Math.Abs(v[j]) > 0.05).Select(j => data.FeatureNames[j]).Take(8).ToList();
        throw new SeparableDataException(
            $"the feature columns are linearly dependent ({string.Join(", ", involved)}): drop one of them (e.g. one level of each one-hot group) or give a positive --lambda");
    }
}
