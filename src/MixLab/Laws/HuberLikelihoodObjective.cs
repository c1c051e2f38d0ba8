using MixLab.Numerics;

namespace MixLab.Laws;

/// <summary>
/// Epoch AI's statistical model for the Chinchilla fit: residuals r_i follow a Huber density with scale σ,
/// log p(r) = −Huber_δ(r/σ) − log Z(δ) − log σ, so the negative log-likelihood over (θ, log σ) is
/// Σ_i w_i [Huber_δ(r_i/σ) + log Z(δ) + log σ] (laws.md §3.1). The last search variable is log σ.
/// </summary>
public sealed class HuberLikelihoodObjective : IObjective
{
    private readonly BoundLaw _law;
    private readonly double[] _weights;
    private readonly double _delta, _logZ, _weightSum;
    private readonly ParameterTransform _transform;
    private readonly double[] _theta, _g;

    /// <summary>Creates the NLL over a bound law.</summary>
    public HuberLikelihoodObjective(BoundLaw law, double[] weights, double delta, ParameterTransform transform)
    {
        if (weights.Length != law.RowCount) throw new ArgumentException($"{weights.Length} weights for {law.RowCount} rows", nameof(weights));
        _law = law; _weights = weights; _delta = delta; _transform = transform;
        _logZ = Huber.LogNormaliser(delta);
        _weightSum = weights.Sum();
        _theta = new double[law.Parameters.Count];
        _g = new double[law.Parameters.Count];
    }

    /// <inheritdoc/>
    public int Dimension => _law.Parameters.Count + 1;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int p = _law.Parameters.Count;
        var u = x[..p];
        double logSigma = x[p];
        double sigma = Math.Exp(logSigma);
        _transform.ToTheta(u, _theta);
        gradient.Clear();
        double nll = _weightSum * (_logZ + logSigma);
        double dLogSigma = _weightSum;
        for (int i = 0; i < _law.RowCount; i++)
        {
            double w = _weights[i];
            if (w == 0) continue;
            double r = (_law.Predict(_theta, i, _g) - _law.Target[i]) / sigma;
            nll += w * Huber.Value(r, _delta);
            double dr = w * Huber.Derivative(r, _delta);
            for (int k = 0; k < p; k++) gradient[k] += dr / sigma * _g[k];
            dLogSigma -= dr * r;
        }
        if (!_transform.IsIdentity) _transform.ChainRule(u, gradient[..p]);
        gradient[p] = dLogSigma;
        return nll;
    }

    /// <summary>The log σ that minimises the NLL for fixed θ (golden-section search on [−40, 10]).</summary>
    public double ProfileLogSigma(ReadOnlySpan<double> u)
    {
        var x = new double[Dimension];
        u.CopyTo(x);
        var g = new double[Dimension];
        double F(double ls) { x[^1] = ls; return Evaluate(x, g); }
        double lo = -40, hi = 10, phi = (Math.Sqrt(5) - 1) / 2;
        double c = hi - phi * (hi - lo), d = lo + phi * (hi - lo), fc = F(c), fd = F(d);
        for (int i = 0; i < 200 && hi - lo > 1e-10; i++)
        {
            if (fc < fd) { hi = d; d = c; fd = fc; c = hi - phi * (hi - lo); fc = F(c); }
            else { lo = c; c = d; fc = fd; d = lo + phi * (hi - lo); fd = F(d); }
        }
        return 0.5 * (lo + hi);
    }
}
