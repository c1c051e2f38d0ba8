using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// A whole curation configuration: the ordered steps, output format and shard size, and whether each filter writes
/// what it dropped to its own exclusion folder (datatrove's exclusion writer). Built from a preset, a YAML/JSON file,
/// or code.
/// </summary>
public sealed record PipelineConfig(
    IReadOnlyList<StepSpec> Steps,
    DocumentOutputFormat Format = DocumentOutputFormat.JsonlZstd,
    long MaxShardBytes = 1L << 30,
    bool WriteExclusions = true,
    string? PresetName = null)
{
    public static string FormatName(DocumentOutputFormat f) => f.Extension().TrimStart('.');

    public static bool TryParseFormat(string text, out DocumentOutputFormat format) => DocumentOutputFormats.TryParse(text.Trim().ToLowerInvariant(), out format);
}
