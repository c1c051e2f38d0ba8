using System.Text.Json.Nodes;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// One step of a pipeline as configured: the step name, its options as a JSON object (snake_case keys) and where it was
/// written (file and 1-based line; null for presets), so that a bad option can be reported precisely.
/// </summary>
public sealed record StepSpec(string Name, JsonObject Options, string? File = null, int Line = 0)
{
    /// <summary>"config.yaml:12" or "preset" for error messages.</summary>
    public string Where => File is null ? "preset" : $"{File}:{Line}";

    /// <summary>A copy whose options are this step's options overridden key by key by <paramref name="overrides"/>.</summary>
    public StepSpec With(JsonObject overrides, string? file, int line)
    {
        var merged = (JsonObject)Options.DeepClone();
        foreach (var (key, value) in overrides) merged[key] = value?.DeepClone();
        return new StepSpec(Name, merged, file ?? File, file is null ? Line : line);
    }
}
