using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Reads a free-form licence value as found in upstream metadata ("MIT", "cc-by-sa-4.0", "CC BY 4.0",
/// "https://creativecommons.org/licenses/by/4.0/", "Public Domain", "Apache License, Version 2.0") into an SPDX
/// expression or LicenseRef and a tier (curation spec §1.4 step 1, §2.5 from_string, §5.1).
/// </summary>
public static class LicenseNames
{
    private static readonly TextLicenseFinder ValueFinder = new(10_000);

    /// <summary>Parses a licence value; false when nothing in it names a licence.</summary>
    public static bool TryParse(string value, out string? spdx, out LicenseTier tier)
    {
        spdx = null;
        tier = LicenseTier.Unknown;
        var v = value.Trim();
        if (v.Length == 0) return false;
        if (SpdxExpression.TryParse(v, out var expr, out _) && AllKnown(expr!))
        {
            (spdx, tier) = (expr!.ToString(), expr.Tier);
            return true;
        }
        var cc = v.IndexOf("creativecommons.org/", StringComparison.OrdinalIgnoreCase);
        if (cc >= 0 && CcLicense.TryParseUrlPath(v.AsSpan(cc + 20), out var s1, out var t1, out _))
        {
            (spdx, tier) = (s1, t1);
            return true;
        }
        if (CcLicense.TryParseBadge(v, out var s2, out var t2, out var len) && len >= v.TrimEnd('.').Length - 1)
        {
            (spdx, tier) = (s2, t2);
            return true;
        }
        var findings = ValueFinder.Find(v);
        LicenseFinding? best = null;
        foreach (var f in findings)
            if (best is null || TierOrder.IsRestriction(f.Tier) && !TierOrder.IsRestriction(best.Tier) || f.Precedence > best.Precedence)
                best = f;
        if (best is not null)
        {
            (spdx, tier) = (best.Evidence.Spdx, best.Tier);
            return true;
        }
        if (v.Contains("public domain", StringComparison.OrdinalIgnoreCase) || v.Equals("PD", StringComparison.OrdinalIgnoreCase))
        {
            (spdx, tier) = ("LicenseRef-Public-Domain", LicenseTier.PublicDomain);
            return true;
        }
        if (v.Equals("apache 2.0", StringComparison.OrdinalIgnoreCase) || v.Equals("apache-2", StringComparison.OrdinalIgnoreCase) || v.Equals("apache 2", StringComparison.OrdinalIgnoreCase))
        {
            (spdx, tier) = ("Apache-2.0", LicenseTier.Permissive);
            return true;
        }
        return false;
    }

    private static bool AllKnown(SpdxExpression e) => e switch
    {
        SpdxLicenseId id => id.Known,
        SpdxLicenseRef => true,
        SpdxWith w => AllKnown(w.License),
        SpdxAnd a => AllKnown(a.Left) && AllKnown(a.Right),
        SpdxOr o => AllKnown(o.Left) && AllKnown(o.Right),
        _ => false,
    };
}
