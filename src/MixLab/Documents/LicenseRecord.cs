namespace MixLab.Documents;

/// <summary>
/// Licence families used by the curation policy (curation spec §5.4). The names written to files are the
/// kebab-case forms given by <see cref="LicenseTiers.Name"/>: public-domain, permissive, copyleft, government,
/// non-commercial, no-derivatives, all-rights-reserved, unknown.
/// </summary>
public enum LicenseTier
{
    PublicDomain,
    Permissive,
    Copyleft,
    Government,
    NonCommercial,
    NoDerivatives,
    AllRightsReserved,
    Unknown,
}

/// <summary>Conversions between <see cref="LicenseTier"/> and its file name.</summary>
public static class LicenseTiers
{
    private static readonly string[] Names =
    [
        "public-domain", "permissive", "copyleft", "government", "non-commercial", "no-derivatives", "all-rights-reserved", "unknown",
    ];

    public static string Name(this LicenseTier tier) => Names[(int)tier];

    public static bool TryParse(string name, out LicenseTier tier)
    {
        var i = Array.IndexOf(Names, name.Trim().ToLowerInvariant());
        tier = i < 0 ? LicenseTier.Unknown : (LicenseTier)i;
        return i >= 0;
    }

    public static IReadOnlyList<string> AllNames => Names;
}

/// <summary>
/// Why the tool believes a document is under a licence: the kind of evidence ("metadata", "url-allowlist", "text"),
/// the span in the text (or -1/-1 for metadata and URLs), the matched string, and for metadata the field it came from.
/// </summary>
public sealed record LicenseEvidence(string Kind, int Start, int End, string Match, string? Field = null, string? Spdx = null);

/// <summary>
/// The per-document licence record of DESIGN.md: SPDX expression (or LicenseRef-…, or null when unknown), the tier the
/// policy acts on, all evidence found, a confidence in [0, 1], and a flag when pieces of evidence disagree.
/// </summary>
public sealed record LicenseRecord(string? Spdx, LicenseTier Tier, IReadOnlyList<LicenseEvidence> Evidence, double Confidence, bool Disagreement = false);
