namespace MixLab.Planning.Cmr;

/// <summary>
/// The CMR scaling law (Gu et al., arXiv 2407.17467, Eq. 8): R_CMR(T) = α4·T^s4 + β3, T in the paper's units of
/// 0.2B tokens (T = 100 is 20B tokens).
/// </summary>
public sealed record CmrLaw(double Alpha4, double S4, double Beta3)
{
    /// <summary>The paper's token unit: T = 100 corresponds to 20B tokens.</summary>
    public const double PaperTokenUnit = 2e8;

    /// <summary>R_CMR at T (in the law's units).</summary>
    public double At(double t) => Alpha4 * Math.Pow(t, S4) + Beta3;
}
