using System.Text.Json;
using System.Text.Json.Nodes;
using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Finds licence values in a document's metadata (curation spec §1.4 step 1: Common Pile's meta.license,
/// metadata.license, oa_license; plus licence, licenses, spdx, rights…), at the top level and inside the nested
/// "meta"/"metadata" objects. Values may be strings, arrays of strings, or objects with spdx/id/name/url.
/// </summary>
public static class MetadataLicenseFinder
{
    /// <summary>Field names read as licences (case-insensitive).</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "license", "licence", "licenses", "licences", "license_name", "license_type", "license_url", "license_id",
        "spdx", "spdx_id", "spdx_license", "oa_license", "rights", "dc.rights", "license_expression",
    };

    private static readonly string[] NestedObjects = ["meta", "metadata"];

    public static List<LicenseFinding> Find(JsonObject metadata)
    {
        var found = new List<LicenseFinding>();
        Visit(metadata, "", found, depth: 0);
        return found;
    }

    private static void Visit(JsonObject obj, string prefix, List<LicenseFinding> found, int depth)
    {
        foreach (var (key, node) in obj)
        {
            if (node is null) continue;
            var path = prefix + key;
            if (Fields.Contains(key)) AddValue(node, path, found);
            else if (depth == 0 && node is JsonObject nested && Array.Exists(NestedObjects, n => n.Equals(key, StringComparison.OrdinalIgnoreCase)))
                Visit(nested, path + ".", found, depth + 1);
        }
    }

    private static void AddValue(JsonNode node, string path, List<LicenseFinding> found)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null) AddValue(item, path, found);
                break;
            case JsonObject o:
                foreach (var k in new[] { "spdx", "spdx_id", "id", "name", "url" })
                    if (o.TryGetPropertyValue(k, out var v) && v is JsonValue)
                    {
                        AddValue(v, path + "." + k, found);
                        return;
                    }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var s = value.GetValue<string>();
                if (string.IsNullOrWhiteSpace(s)) break;
                var ok = LicenseNames.TryParse(s, out var spdx, out var tier);
                found.Add(new LicenseFinding(new LicenseEvidence("metadata", -1, -1, s, path, spdx), ok ? tier : LicenseTier.Unknown,
                    ok ? 0.95 : 0.3, LicensePrecedence.Metadata));
                break;
        }
    }
}
