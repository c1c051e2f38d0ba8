using System.Text.Json;
using System.Text.Json.Nodes;
using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Licence evidence from a document's URL (curation spec §1.4 steps 2 and 4): the allow-listed site it belongs
/// to (tier permissive, SPDX from the allow-list when known) or the government pattern it falls under (tier
/// government), matched on registered domains through <see cref="DomainAllowList"/>.
/// </summary>
public sealed class UrlLicenseFinder(DomainAllowList allowList)
{
    /// <summary>Metadata fields read as the document URL, in order; nested meta/metadata objects are searched too.</summary>
    public static readonly IReadOnlyList<string> UrlFields = ["url", "source_url", "page_url", "warc_target_uri", "text_file_url", "ia_url", "oa_url", "link"];

    /// <summary>The document URL from metadata and the field it came from, or null.</summary>
    public static (string Url, string Field)? FindUrl(JsonObject metadata)
    {
        foreach (var f in UrlFields)
            if (metadata.TryGetPropertyValue(f, out var v) && v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String)
                return (jv.GetValue<string>(), f);
        foreach (var nested in new[] { "metadata", "meta" })
            if (metadata.TryGetPropertyValue(nested, out var n) && n is JsonObject o && FindUrl(o) is { } inner)
                return (inner.Url, nested + "." + inner.Field);
        return null;
    }

    public List<LicenseFinding> Find(JsonObject metadata)
    {
        var found = new List<LicenseFinding>();
        if (FindUrl(metadata) is not { } u || !UrlHost.TryParse(u.Url, out var host, out var path)) return found;
        if (allowList.MatchSite(host, path) is { } site)
        {
            var tier = site.Spdx is null ? LicenseTier.Permissive : SpdxLicenseTable.TryGet(site.Spdx, out _, out var t, out _) ? t : LicenseTier.Permissive;
            found.Add(new LicenseFinding(new LicenseEvidence("url-allowlist", -1, -1, site.Domain + (site.PathPrefix ?? ""), u.Field, site.Spdx),
                tier, site.Spdx is null ? 0.7 : 0.8, LicensePrecedence.Domain));
        }
        if (allowList.MatchGovernment(host) is { } gov)
            found.Add(new LicenseFinding(new LicenseEvidence("url-allowlist", -1, -1, gov, u.Field, null), LicenseTier.Government, 0.8, LicensePrecedence.Government));
        return found;
    }
}
