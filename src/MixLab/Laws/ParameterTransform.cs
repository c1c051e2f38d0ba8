namespace MixLab.Laws;

/// <summary>
/// Maps the unconstrained search variables u to bounded fit parameters θ and back:
/// θ = lo + (hi − lo)·σ(u) for two finite bounds, θ = lo + e^u or θ = hi − e^u for one, θ = u for none.
/// Bounded exponents (laws.md check V8) are handled this way so that the quasi-Newton search needs no box logic.
/// </summary>
public sealed class ParameterTransform
{
    private readonly LawParameter[] _parameters;

    /// <summary>Creates the transform for a parameter list.</summary>
    public ParameterTransform(IReadOnlyList<LawParameter> parameters)
    {
        _parameters = parameters.ToArray();
        IsIdentity = _parameters.All(p => !p.IsBounded);
    }

    /// <summary>True when no parameter is bounded.</summary>
    public bool IsIdentity { get; }

    /// <summary>θ from u.</summary>
    public void ToTheta(ReadOnlySpan<double> u, Span<double> theta)
    {
        for (int k = 0; k < _parameters.Length; k++)
        {
            var p = _parameters[k];
            bool lo = double.IsFinite(p.Lower), hi = double.IsFinite(p.Upper);
            theta[k] = (lo, hi) switch
            {
                (true, true) => p.Lower + (p.Upper - p.Lower) * Sigmoid(u[k]),
                (true, false) => p.Lower + Math.Exp(u[k]),
                (false, true) => p.Upper - Math.Exp(u[k]),
                _ => u[k],
            };
        }
    }

    /// <summary>u from θ; values on or outside a bound are moved just inside it.</summary>
    public double[] ToSearch(ReadOnlySpan<double> theta)
    {
        var u = new double[theta.Length];
        for (int k = 0; k < _parameters.Length; k++)
        {
            var p = _parameters[k];
            bool lo = double.IsFinite(p.Lower), hi = double.IsFinite(p.Upper);
            if (lo && hi)
            {
                double f = Math.Clamp((theta[k] - p.Lower) / (p.Upper - p.Lower), 1e-6, 1 - 1e-6);
                u[k] = Math.Log(f / (1 - f));
            }
            else if (lo) u[k] = Math.Log(Math.Max(theta[k] - p.Lower, 1e-12));
            else if (hi) u[k] = Math.Log(Math.Max(p.Upper - theta[k], 1e-12));
            else u[k] = theta[k];
        }
        return u;
    }

    /// <summary>Turns ∂f/∂θ into ∂f/∂u in place (chain rule), given u.</summary>
    public void ChainRule(ReadOnlySpan<double> u, Span<double> gradient)
    {
        for (int k = 0; k < _parameters.Length; k++)
        {
            var p = _parameters[k];
            bool lo = double.IsFinite(p.Lower), hi = double.IsFinite(p.Upper);
            if (lo && hi) { double s = Sigmoid(u[k]); gradient[k] *= (p.Upper - p.Lower) * s * (1 - s); }
            else if (lo) gradient[k] *= Math.Exp(u[k]);
            else if (hi) gradient[k] *= -Math.Exp(u[k]);
        }
    }

    /// <summary>Parameters that ended within a relative 1e-4 of a finite bound.</summary>
    public IEnumerable<LawParameter> AtBound(ReadOnlySpan<double> theta)
    {
        var hits = new List<LawParameter>();
        for (int k = 0; k < _parameters.Length; k++)
        {
            var p = _parameters[k];
            double width = double.IsFinite(p.Lower) && double.IsFinite(p.Upper) ? p.Upper - p.Lower : Math.Max(1, Math.Abs(theta[k]));
            if ((double.IsFinite(p.Lower) && theta[k] - p.Lower <= 1e-4 * width) || (double.IsFinite(p.Upper) && p.Upper - theta[k] <= 1e-4 * width))
                hits.Add(p);
        }
        return hits;
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));
}
