using MixLab.Laws;

namespace MixLab.Planning.Moe;

/// <summary>
/// The EL law of Eq. 13 as a fittable law on log EL (linear residuals): log EL = (a + d·log C + γ(log G)² + β·log G)·log Â(A),
/// θ = (a, d, γ, β, log A_start), with A_max held at the paper's 5.28e16 (it only matters for A near 1e16).
/// </summary>
internal sealed class ElLawBound : BoundLaw
{
    private readonly double[] _activation, _granularity, _compute;
    private readonly double _aMax, _logBaseC, _logBaseG;
    private static readonly IReadOnlyList<LawParameter> ParameterList =
        [new("a"), new("d"), new("gamma"), new("beta"), new("log_a_start", Math.Log(1e-6), Math.Log(1))];

    public ElLawBound(double[] activation, double[] granularity, double[] compute, double[] el, EfficiencyLeverageLaw template)
        : base(el.Select(v => Math.Log(v)).ToArray(), ResidualSpace.Linear)
    {
        _activation = activation; _granularity = granularity; _compute = compute;
        _aMax = template.AMax; _logBaseC = template.ComputeLogBase; _logBaseG = template.GranularityLogBase;
    }

    public override IReadOnlyList<LawParameter> Parameters => ParameterList;

    public override double Predict(ReadOnlySpan<double> t, int row, Span<double> gradient)
    {
        double aStart = Math.Exp(t[4]);
        double k = 1 / (1 / aStart - 1 / _aMax);
        double x = _activation[row] + k;
        double inner = 1 / x + 1 / _aMax;
        double logHat = -Math.Log(inner);                  // log Â
        double lc = Math.Log(_compute[row], _logBaseC), lg = Math.Log(_granularity[row], _logBaseG);
        double exponent = t[0] + t[1] * lc + t[2] * lg * lg + t[3] * lg;
        gradient[0] = logHat;
        gradient[1] = lc * logHat;
        gradient[2] = lg * lg * logHat;
        gradient[3] = lg * logHat;
        // d log Â / d log A_start = (1/x²)/inner · dk/d log A_start, with dk/d log A_start = k²/A_start.
        gradient[4] = exponent * (1 / (x * x)) / inner * (k * k / aStart);
        return exponent * logHat;
    }

    public override IEnumerable<double[]> StartPoints()
    {
        foreach (double a in new[] { 0.5, 1.23, 2.0 })
            foreach (double d in new[] { -0.15, -0.0761, 0.0 })
                foreach (double gamma in new[] { 0.0, 0.0167, 0.05 })
                    foreach (double beta in new[] { -0.3, -0.117, 0.0 })
                        foreach (double aStart in new[] { 0.005, 0.0163, 0.05 })
                            yield return [a, d, gamma, beta, Math.Log(aStart)];
    }

    public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> t) =>
        [new("a", t[0]), new("d", t[1]), new("gamma", t[2]), new("beta", t[3]), new("A_start", Math.Exp(t[4]))];

    public override IReadOnlyList<NamedValue> Features(int row) =>
        [new("activation", _activation[row]), new("granularity", _granularity[row]), new("flops", _compute[row])];
}
