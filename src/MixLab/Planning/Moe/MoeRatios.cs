namespace MixLab.Planning.Moe;

/// <summary>
/// The architecture ratios of the EL paper (arXiv 2507.17702, §2.1) in every reading the paper uses, because its
/// quoted numbers do not all follow its stated formulas (moe.md §1.3):
/// routed A = E_a/E (used by the EL fits and the "3.1 %" headline), stated A = (E_a + E_s)/(E + E_s), HP-study
/// A = (E_a + E_s)/E; sharing S = E_s/(E_a + E_s); granularity G = 2·d_model/d_expert, and Krajewski's 4·d_model/d_expert.
/// </summary>
public sealed record MoeRatios(double ActivationRouted, double ActivationStated, double ActivationWithShared, double Sharing, double Granularity, double GranularityKrajewski)
{
    /// <summary>The ratios of a config (all 1 or 0 for a dense model).</summary>
    public static MoeRatios Of(MoeConfig c)
    {
        if (!c.IsMoe) return new MoeRatios(1, 1, 1, 0, double.NaN, double.NaN);
        double e = c.Experts, ea = c.ActiveExperts, es = c.SharedExperts;
        return new MoeRatios(ea / e, (ea + es) / (e + es), (ea + es) / e, es / (ea + es),
            2.0 * c.DModel / c.ExpertSize, 4.0 * c.DModel / c.ExpertSize);
    }
}
