namespace MixLab.Laws;

/// <summary>
/// One parameter of a law in the space where it is fitted (e.g. a = log A for Chinchilla), with optional box
/// bounds. A parameter with both bounds finite is fitted through a logistic transform, one with a single bound
/// through an exponential one, so the quasi-Newton search itself stays unconstrained.
/// </summary>
/// <param name="Name">Name as printed, e.g. <c>alpha</c> or <c>t_web[code]</c>.</param>
/// <param name="Lower">Lower bound (−∞ for none).</param>
/// <param name="Upper">Upper bound (+∞ for none).</param>
/// <param name="IsExponent">True for exponents, to which <c>--exponent-bounds</c> applies.</param>
public sealed record LawParameter(string Name, double Lower = double.NegativeInfinity, double Upper = double.PositiveInfinity, bool IsExponent = false)
{
    /// <summary>True when either bound is finite.</summary>
    public bool IsBounded => double.IsFinite(Lower) || double.IsFinite(Upper);

    /// <summary>Same parameter with its bounds replaced.</summary>
    public LawParameter WithBounds(double lower, double upper) => this with { Lower = lower, Upper = upper };
}

/// <summary>Whether residuals are taken on log losses (the Chinchilla protocol) or on raw values.</summary>
public enum ResidualSpace
{
    /// <summary>r = log L̂ − log L; needs positive observations.</summary>
    Log,
    /// <summary>r = L̂ − L; for quantities that may be negative, such as loss increments in CMR.</summary>
    Linear,
}

/// <summary>A named value in natural units, as reported to the user.</summary>
public readonly record struct NamedValue(string Name, double Value);
