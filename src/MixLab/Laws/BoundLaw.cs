using MixLab.Numerics;

namespace MixLab.Laws;

/// <summary>
/// A law attached to one group of rows: it holds the rows' features, predicts each row (in log or linear space)
/// with the gradient over its fit-space parameters, proposes starting points, and maps fit-space parameters to
/// the natural-unit values people read. <see cref="LawFitter"/> does the rest.
/// </summary>
public abstract class BoundLaw
{
    /// <summary>Creates the bound law for rows with the given observed losses (natural units).</summary>
    protected BoundLaw(double[] observed, ResidualSpace space)
    {
        Space = space;
        Observed = observed;
        Target = space == ResidualSpace.Log ? observed.Select(v => Math.Log(v)).ToArray() : observed;
    }

    /// <summary>Parameters in fit space, in the order of θ.</summary>
    public abstract IReadOnlyList<LawParameter> Parameters { get; }

    /// <summary>Residual space of the fit.</summary>
    public ResidualSpace Space { get; }

    /// <summary>Observed losses (natural units).</summary>
    public double[] Observed { get; }

    /// <summary>The fit target: log loss in log space, the loss itself otherwise.</summary>
    public double[] Target { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Observed.Length;

    /// <summary>Prediction of row <paramref name="row"/> in fit space, with ∂/∂θ written into <paramref name="gradient"/>.</summary>
    public abstract double Predict(ReadOnlySpan<double> theta, int row, Span<double> gradient);

    /// <summary>Starting points in fit space (natural coordinates, before any bound transform).</summary>
    public abstract IEnumerable<double[]> StartPoints();

    /// <summary>The parameters people read (e.g. A = exp(a)), from fit-space θ.</summary>
    public abstract IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> theta);

    /// <summary>A scale per row (e.g. compute) used by <c>--holdout largest:K</c>; null when the law has none.</summary>
    public virtual double[]? Scale => null;

    /// <summary>The row's features for the residual table (name, value).</summary>
    public abstract IReadOnlyList<NamedValue> Features(int row);

    /// <summary>Prediction in natural units (loss), from fit space.</summary>
    public double PredictLoss(ReadOnlySpan<double> theta, int row)
    {
        Span<double> scratch = stackalloc double[Parameters.Count];
        double p = Predict(theta, row, scratch);
        return Space == ResidualSpace.Log ? Math.Exp(p) : p;
    }

    /// <summary>
    /// Σ_i w_i·Huber_δ(pred_i − target_i) and its gradient. Laws with a hot inner loop override this
    /// (Chinchilla does); the default calls <see cref="Predict"/> per row.
    /// </summary>
    public virtual double HuberSum(ReadOnlySpan<double> theta, ReadOnlySpan<double> weights, double delta, Span<double> gradient)
    {
        gradient.Clear();
        Span<double> g = stackalloc double[Parameters.Count];
        double sum = 0;
        for (int i = 0; i < RowCount; i++)
        {
            double w = weights[i];
            if (w == 0) continue;
            double r = Predict(theta, i, g) - Target[i];
            sum += w * Huber.Value(r, delta);
            double dr = w * Huber.Derivative(r, delta);
            for (int k = 0; k < g.Length; k++) gradient[k] += dr * g[k];
        }
        return sum;
    }
}
