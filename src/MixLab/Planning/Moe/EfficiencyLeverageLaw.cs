namespace MixLab.Planning.Moe;

/// <summary>
/// The unified Efficiency Leverage law (Tian et al., arXiv 2507.17702, Eq. 13, Table 2):
/// EL(A, G, C) = Â^(α + γ·(log G)² + β·log G), α = a + d·log C, with the saturating activation transform of Eq. 10
/// 1/Â = 1/(A + (1/A_start − 1/A_max)^(−1)) + 1/A_max.
/// </summary>
/// <remarks>
/// The paper states neither log base. moe.md §2.8 derives that only log₁₀ for C and log₂ for G reproduce both of its
/// stated facts (EL(3.1 %, G = 12, 1e22) &gt; 7 and the optimum G ≈ 12), so those are the defaults; both bases are
/// parameters. A is the routed ratio E_a/E, which the EL fits use (moe.md §1.3). d is the printed −0.0761 (the text
/// calls it positive; only the negative value makes EL grow with C).
/// </remarks>
public sealed record EfficiencyLeverageLaw(double A = 1.23, double D = -7.61e-2, double Gamma = 1.67e-2, double Beta = -1.17e-1,
    double AStart = 1.63e-2, double AMax = 5.28e16, double ComputeLogBase = 10, double GranularityLogBase = 2)
{
    /// <summary>The compute range of the paper's ablations the law was fitted on (about 1e18 to 6e20 FLOPs).</summary>
    public static (double Low, double High) FittedComputeRange { get; } = (1e18, 6e20);

    /// <summary>The paper's coefficients and the derived log bases.</summary>
    public static EfficiencyLeverageLaw Paper { get; } = new();

    /// <summary>Â, the saturating transform of A (Eq. 10 with the lower bound of meaningful A at 0).</summary>
    public double SaturatedActivation(double activation) =>
        1 / (1 / (activation + 1 / (1 / AStart - 1 / AMax)) + 1 / AMax);

    /// <summary>The exponent α + γ(log G)² + β log G.</summary>
    public double Exponent(double granularity, double compute)
    {
        double lg = Math.Log(granularity, GranularityLogBase);
        return A + D * Math.Log(compute, ComputeLogBase) + Gamma * lg * lg + Beta * lg;
    }

    /// <summary>EL at activation ratio A (routed, E_a/E), granularity G and compute C (FLOPs).</summary>
    public double At(double activation, double granularity, double compute)
    {
        if (!(activation > 0 && activation <= 1)) throw new ArgumentOutOfRangeException(nameof(activation), "the activation ratio must be in (0, 1]");
        if (!(granularity > 0)) throw new ArgumentOutOfRangeException(nameof(granularity), "granularity must be positive");
        if (!(compute > 0)) throw new ArgumentOutOfRangeException(nameof(compute), "compute must be positive");
        return Math.Pow(SaturatedActivation(activation), Exponent(granularity, compute));
    }

    /// <summary>The G that maximises EL: log G* = −β/(2γ), independent of A and C (11.3 with log₂); NaN when γ ≤ 0 (no maximum).</summary>
    public double OptimalGranularity => Gamma > 0 ? Math.Pow(GranularityLogBase, -Beta / (2 * Gamma)) : double.NaN;

    /// <summary>How many decades <paramref name="compute"/> lies outside the fitted range (0 inside).</summary>
    public static double DecadesOutsideFittedRange(double compute) =>
        compute < FittedComputeRange.Low ? Math.Log10(FittedComputeRange.Low / compute)
        : compute > FittedComputeRange.High ? Math.Log10(compute / FittedComputeRange.High) : 0;
}
