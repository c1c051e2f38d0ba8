using System.Runtime.CompilerServices;
using MixLab.Numerics;

namespace MixLab.Laws;

/// <summary>
/// The fitting objective of Hoffmann et al. Approach 3 and the Epoch AI replication:
/// Σ_i w_i·Huber_δ(pred_i − target_i), summed (not averaged) over rows, with row weights that are 1 for fitted
/// rows, 0 for held-out rows and the multiplicity of each row in a bootstrap resample (laws.md §3.1).
/// <see cref="Reduction"/> = Mean reproduces Hoffmann's averaged objective for check V4.
/// </summary>
public sealed class HuberObjective : IObjective
{
    private readonly BoundLaw _law;
    private readonly double[] _weights;
    private readonly double _delta, _scale;
    private readonly ParameterTransform _transform;
    private readonly double[] _theta;

    /// <summary>Sum or mean over rows.</summary>
    public enum Reduction { Sum, Mean }

    /// <summary>Creates the objective over a bound law.</summary>
    public HuberObjective(BoundLaw law, double[] weights, double delta, ParameterTransform transform, Reduction reduction = Reduction.Sum)
    {
        if (weights.Length != law.RowCount) throw new ArgumentException($"{weights.Length} weights for {law.RowCount} rows", nameof(weights));
        _law = law; _weights = weights; _delta = delta; _transform = transform;
        _theta = new double[law.Parameters.Count];
        _scale = reduction == Reduction.Mean ? 1.0 / weights.Sum() : 1.0;
    }

    /// <inheritdoc/>
    public int Dimension => _law.Parameters.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Evaluate(ReadOnlySpan<double> u, Span<double> gradient)
    {
        _transform.ToTheta(u, _theta);
        double f = _law.HuberSum(_theta, _weights, _delta, gradient);
        if (_scale != 1.0) { f *= _scale; for (int k = 0; k < gradient.Length; k++) gradient[k] *= _scale; }
        if (!_transform.IsIdentity) _transform.ChainRule(u, gradient);
        return f;
    }
}
