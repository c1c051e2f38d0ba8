using System.Text.Json.Nodes;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Built-in pipelines. <c>mixturevitae</c>: MixtureVitae's licence-first curation (curation spec §1.4-§1.6) done the way
/// the paper describes rather than as the released code does it: licence tiers with evidence (keep public-domain,
/// permissive, government), global exact dedup, keyword safety on every source, PII and secret redaction, then the
/// datatrove Gopher quality, Gopher repetition, C4 and FineWeb filters (the chain of bench/curation/reference.py) on prose (skipped for documents labelled code). <c>fineweb</c>: FineWeb's
/// filter chain from datatrove (Gopher repetition, Gopher quality, C4 without the terminal-punctuation rule, FineWeb
/// quality, PII) with no licence step.
/// </summary>
public static class CurationPresets
{
    private static readonly JsonObject SkipCode = new() { ["metadata.domain"] = new JsonArray("code") };

    public static IReadOnlyList<string> Names { get; } = ["mixturevitae", "fineweb"];

    public static PipelineConfig? Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mixturevitae" => new PipelineConfig(
        [
            Step("licensing", new JsonObject { ["keep_tiers"] = new JsonArray("public-domain", "permissive", "government") }),
            Step("exact_dedup"),
            Step("flagged_words"),
            Step("pii"),
            Step("secrets"),
            Step("gopher_quality", ProseOnly()),
            Step("gopher_repetition", ProseOnly()),
            Step("c4_quality", ProseOnly()),
            Step("fineweb_quality", ProseOnly()),
        ], PresetName: "mixturevitae"),
        "fineweb" => new PipelineConfig(
        [
            Step("gopher_repetition"),
            Step("gopher_quality"),
            Step("c4_quality", new JsonObject { ["filter_no_terminal_punct"] = false }),
            Step("fineweb_quality"),
            Step("pii"),
        ], PresetName: "fineweb"),
        _ => null,
    };

    private static JsonObject ProseOnly() => new() { ["skip_if"] = SkipCode.DeepClone() };

    private static StepSpec Step(string name, JsonObject? options = null) => new(name, options ?? new JsonObject());
}
