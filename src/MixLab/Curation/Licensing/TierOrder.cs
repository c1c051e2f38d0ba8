using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Restrictiveness order of the licence tiers used to resolve SPDX expressions and conflicting evidence
/// (curation spec §5.4 "Resolution rules"): public-domain &lt; permissive &lt; government &lt; copyleft &lt; unknown
/// &lt; non-commercial &lt; no-derivatives &lt; all-rights-reserved. OR takes the least restrictive branch, AND the most.
/// </summary>
public static class TierOrder
{
    /// <summary>0 for the least restrictive tier, higher for more restrictive ones.</summary>
    public static int Rank(LicenseTier tier) => tier switch
    {
        LicenseTier.PublicDomain => 0,
        LicenseTier.Permissive => 1,
        LicenseTier.Government => 2,
        LicenseTier.Copyleft => 3,
        LicenseTier.Unknown => 4,
        LicenseTier.NonCommercial => 5,
        LicenseTier.NoDerivatives => 6,
        _ => 7,
    };

    public static LicenseTier MostPermissive(LicenseTier a, LicenseTier b) => Rank(a) <= Rank(b) ? a : b;

    public static LicenseTier MostRestrictive(LicenseTier a, LicenseTier b) => Rank(a) >= Rank(b) ? a : b;

    /// <summary>True for the tiers that forbid training use outright (NC, ND, all rights reserved).</summary>
    public static bool IsRestriction(LicenseTier tier) =>
        tier is LicenseTier.NonCommercial or LicenseTier.NoDerivatives or LicenseTier.AllRightsReserved;
}
