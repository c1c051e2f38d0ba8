namespace MixLab.Planning.Cmr;

/// <summary>
/// The fitted token laws of one CPT run (CMR Scaling Law Eq. 6), T in the planner's token units:
/// ΔL_dom(T) = α1·T^s1 + β1 and ΔL_gen(T) = α2·T^s2 + α3·T^s3 + β2.
/// </summary>
public sealed record TokenCurves(double Alpha1, double S1, double Beta1, double Alpha2, double S2, double Alpha3, double S3, double Beta2)
{
    /// <summary>Domain-loss change at T.</summary>
    public double DomainDelta(double t) => Alpha1 * Math.Pow(t, S1) + Beta1;

    /// <summary>General-loss change at T.</summary>
    public double GeneralDelta(double t) => Alpha2 * Math.Pow(t, S2) + Alpha3 * Math.Pow(t, S3) + Beta2;

    /// <summary>dΔL_dom/dT.</summary>
    public double DomainSlope(double t) => Alpha1 * S1 * Math.Pow(t, S1 - 1);

    /// <summary>dΔL_gen/dT.</summary>
    public double GeneralSlope(double t) => Alpha2 * S2 * Math.Pow(t, S2 - 1) + Alpha3 * S3 * Math.Pow(t, S3 - 1);
}
