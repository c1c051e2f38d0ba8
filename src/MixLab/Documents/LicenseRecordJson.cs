using System.Text.Json;
using System.Text.Json.Nodes;

namespace MixLab.Documents;

/// <summary>
/// JSON form of the per-document <see cref="LicenseRecord"/> (DESIGN.md "Data contracts"):
/// <c>{"spdx", "tier", "evidence": [{"kind","start","end","match","field","spdx"}], "confidence", "disagreement"}</c>,
/// the tier by its kebab-case name. Used inside document lines and as the Parquet <c>license</c> column.
/// </summary>
public static class LicenseRecordJson
{
    public static void Write(Utf8JsonWriter w, LicenseRecord record)
    {
        w.WriteStartObject();
        if (record.Spdx is null) w.WriteNull("spdx"u8); else w.WriteString("spdx"u8, record.Spdx);
        w.WriteString("tier"u8, record.Tier.Name());
        w.WriteStartArray("evidence"u8);
        foreach (var e in record.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, e.Kind);
            w.WriteNumber("start"u8, e.Start);
            w.WriteNumber("end"u8, e.End);
            w.WriteString("match"u8, e.Match);
            if (e.Field is not null) w.WriteString("field"u8, e.Field);
            if (e.Spdx is not null) w.WriteString("spdx"u8, e.Spdx);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (double.IsFinite(record.Confidence)) w.WriteNumber("confidence"u8, record.Confidence); else w.WriteNull("confidence"u8);
        w.WriteBoolean("disagreement"u8, record.Disagreement);
        w.WriteEndObject();
    }

    /// <summary>Reads a record written by <see cref="Write"/>; returns null when the object is not one (no known
    /// <c>tier</c>), so that the caller can keep it as plain metadata.</summary>
    public static LicenseRecord? FromNode(JsonObject o)
    {
        if (o["tier"] is not JsonValue tv || !tv.TryGetValue<string>(out var tierName) || !LicenseTiers.TryParse(tierName, out var tier))
            return null;
        string? spdx = o["spdx"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        double confidence = o["confidence"] is JsonValue cv && cv.TryGetValue<double>(out var c) ? c : double.NaN;
        bool disagreement = o["disagreement"] is JsonValue dv && dv.TryGetValue<bool>(out var d) && d;
        var evidence = new List<LicenseEvidence>();
        if (o["evidence"] is JsonArray arr)
        {
            foreach (var n in arr)
            {
                if (n is not JsonObject e) continue;
                evidence.Add(new LicenseEvidence(
                    Str(e, "kind") ?? "",
                    Int(e, "start"),
                    Int(e, "end"),
                    Str(e, "match") ?? "",
                    Str(e, "field"),
                    Str(e, "spdx")));
            }
        }
        return new LicenseRecord(spdx, tier, evidence, confidence, disagreement);
    }

    /// <summary>Parses a record from its JSON text (the Parquet column); null for null/empty text or a non-record.</summary>
    public static LicenseRecord? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        return JsonNode.Parse(json) is JsonObject o ? FromNode(o) : null;
    }

    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Int(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : -1;
}
