using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// A whole curation configuration: the ordered steps, output format and shard size, and whether each filter writes
/// what it dropped to its own exclusion folder (datatrove's exclusion writer). Built from a preset, a YAML/JSON file,
/// or code. <paramref name="ZstdLevel"/> is the zstd level of kept <c>.jsonl.zst</c> shards (config <c>zstd_level</c>,
/// default 3); <paramref name="ExclusionsZstdLevel"/> that of the exclusion folders (config <c>exclusions_zstd_level</c>,
/// default 1: dropped documents are written at zstd's fastest level, which costs about half of level 3).
/// </summary>
public sealed record PipelineConfig(
    IReadOnlyList<StepSpec> Steps,
    DocumentOutputFormat Format = DocumentOutputFormat.JsonlZstd,
    long MaxShardBytes = 1L << 30,
    bool WriteExclusions = true,
    string? PresetName = null,
    int ZstdLevel = 3,
    int ExclusionsZstdLevel = 1)
{
    public static string FormatName(DocumentOutputFormat f) => f.Extension().TrimStart('.');

    public static bool TryParseFormat(string text, out DocumentOutputFormat format) => DocumentOutputFormats.TryParse(text.Trim().ToLowerInvariant(), out format);
}
