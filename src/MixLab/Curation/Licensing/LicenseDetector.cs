using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Combines metadata, URL and text evidence into the per-document <see cref="LicenseRecord"/> of DESIGN.md
/// (curation spec §5.4 resolution rules, §7.6). Rules, in order:
/// <list type="number">
/// <item>Media-scoped marks and unparsable metadata values are kept as evidence but never decide.</item>
/// <item>Any non-commercial or no-derivatives evidence overrides permissive evidence (Common Pile, MixtureVitae);
/// the most restrictive one wins.</item>
/// <item>Otherwise the positive evidence (public-domain, permissive, copyleft, government) of highest precedence
/// wins (<see cref="LicensePrecedence"/>: metadata &gt; SPDX line &gt; rel="license" &gt; CC URL &gt; domain &gt;
/// phrase), ties broken by confidence, then position. A © line does not cancel a licence: "© 2020 Author. This
/// work is licensed under CC BY 4.0" is CC-BY-4.0 (MixtureVitae rejects it, its recall defect §1.13 item 3).</item>
/// <item>A government domain is only a fallback: any stated licence outranks it, and "all rights reserved" on a
/// government page gives all-rights-reserved (the paper filters government pages with copyright keywords).</item>
/// <item>Otherwise "all rights reserved" gives all-rights-reserved; otherwise an unclassified licence or nothing
/// gives unknown.</item>
/// </list>
/// The disagreement flag is set when the deciding pieces name different tiers (government domains aside) or
/// different SPDX ids; the confidence is the winner's, times 0.75 on disagreement.
/// </summary>
public sealed class LicenseDetector
{
    /// <summary>At most this many evidence items are kept per record.</summary>
    public const int MaxEvidence = 32;

    private readonly TextLicenseFinder _text;
    private readonly UrlLicenseFinder _url;

    public LicenseDetector(DomainAllowList allowList, int maxTextChars = 200_000)
    {
        _text = new TextLicenseFinder(maxTextChars);
        _url = new UrlLicenseFinder(allowList);
    }

    /// <summary>A detector over the default suffix list and MixtureVitae's allow-lists.</summary>
    public LicenseDetector() : this(new DomainAllowList(PublicSuffixList.Default)) { }

    /// <summary>All findings for a document: metadata, URL, then text in order of position.</summary>
    public List<LicenseFinding> FindAll(Document document)
    {
        var all = MetadataLicenseFinder.Find(document.Metadata);
        all.AddRange(_url.Find(document.Metadata));
        all.AddRange(_text.Find(document.Text));
        return all;
    }

    public LicenseRecord Detect(Document document) => Combine(FindAll(document));

    /// <summary>Applies the combination rules to a list of findings.</summary>
    public static LicenseRecord Combine(IReadOnlyList<LicenseFinding> findings)
    {
        LicenseFinding? restriction = null, positive = null, reserved = null, unclassified = null;
        foreach (var f in findings)
        {
            if (f.MediaScoped) continue;
            switch (f.Tier)
            {
                case LicenseTier.NonCommercial or LicenseTier.NoDerivatives:
                    if (restriction is null || TierOrder.Rank(f.Tier) > TierOrder.Rank(restriction.Tier) ||
                        f.Tier == restriction.Tier && Better(f, restriction))
                        restriction = f;
                    break;
                case LicenseTier.AllRightsReserved:
                    if (reserved is null || Better(f, reserved)) reserved = f;
                    break;
                case LicenseTier.Unknown:
                    if (f.Evidence.Spdx is not null && (unclassified is null || Better(f, unclassified))) unclassified = f;
                    break;
                default:
                    if (positive is null || Better(f, positive)) positive = f;
                    break;
            }
        }
        // "All rights reserved" on a government page rejects it (the paper filters government pages with copyright
        // keywords); manually verified allow-listed sites and explicit licences are not overridden by it.
        if (reserved is not null && positive is { Tier: LicenseTier.Government }) positive = null;
        var winner = restriction ?? positive ?? reserved ?? unclassified;
        var evidence = new List<LicenseEvidence>(Math.Min(findings.Count, MaxEvidence));
        foreach (var f in findings)
            if (evidence.Count < MaxEvidence) evidence.Add(f.Evidence);
        if (winner is null) return new LicenseRecord(null, LicenseTier.Unknown, evidence, 0.0);
        var disagreement = Disagree(findings);
        var confidence = winner.Confidence * (disagreement ? 0.75 : 1.0);
        return new LicenseRecord(winner.Evidence.Spdx, winner.Tier, evidence, Math.Round(confidence, 4), disagreement);
    }

    private static bool Better(LicenseFinding a, LicenseFinding b) =>
        a.Precedence != b.Precedence ? a.Precedence > b.Precedence : a.Confidence > b.Confidence;

    private static bool Disagree(IReadOnlyList<LicenseFinding> findings)
    {
        LicenseTier? tier = null;
        string? spdx = null;
        foreach (var f in findings)
        {
            if (f.MediaScoped || f.Tier is LicenseTier.Unknown or LicenseTier.Government) continue;
            if (tier is null) tier = f.Tier;
            else if (tier != f.Tier) return true;
            var id = f.Evidence.Spdx;
            if (id is null || id.StartsWith("LicenseRef-", StringComparison.Ordinal)) continue;
            if (spdx is null) spdx = id;
            else if (!string.Equals(spdx, id, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
