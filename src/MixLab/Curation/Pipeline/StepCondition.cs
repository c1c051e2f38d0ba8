using System.Text.Json.Nodes;
using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// A test on a document field used by <c>only_if</c> and <c>skip_if</c>: a mapping of field paths ("source",
/// "id", "license.tier", "license.spdx", "metadata.domain", "metadata.a.b") to the values that match; the condition holds
/// when any listed field has one of its values. Lets a preset apply web-text quality filters to everything but code.
/// </summary>
public sealed class StepCondition
{
    private readonly (string[] Path, HashSet<string> Values)[] _tests;

    private StepCondition((string[], HashSet<string>)[] tests) => _tests = tests;

    public static StepCondition Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject map || map.Count == 0)
            throw new CurationConfigException($"{where}: expected a mapping of field path to a list of values, e.g. {{ metadata.domain: [code] }}");
        var tests = new List<(string[], HashSet<string>)>();
        foreach (var (path, values) in map)
        {
            if (!IsKnownPath(path))
                throw new CurationConfigException($"{where}: unknown field '{path}' (use source, id, license.tier, license.spdx or metadata.<name>)");
            var set = new HashSet<string>(StringComparer.Ordinal);
            if (values is JsonArray array)
            {
                foreach (var v in array) set.Add(v?.ToString() ?? "");
            }
            else set.Add(values?.ToString() ?? "");
            tests.Add((path.Split('.'), set));
        }
        return new StepCondition(tests.ToArray());
    }

    private static bool IsKnownPath(string path) =>
        path is "source" or "id" or "license.tier" or "license.spdx" || (path.StartsWith("metadata.", StringComparison.Ordinal) && path.Length > 9);

    public bool Matches(Document d)
    {
        foreach (var (path, values) in _tests)
            if (Value(d, path) is { } v && values.Contains(v)) return true;
        return false;
    }

    private static string? Value(Document d, string[] path) => path[0] switch
    {
        "source" when path.Length == 1 => d.Source,
        "id" when path.Length == 1 => d.Id,
        "license" when path.Length == 2 && path[1] == "tier" => d.License?.Tier.Name(),
        "license" when path.Length == 2 && path[1] == "spdx" => d.License?.Spdx,
        "metadata" when path.Length >= 2 => MetadataValue(d.Metadata, path),
        _ => null,
    };

    private static string? MetadataValue(JsonObject metadata, string[] path)
    {
        JsonNode? node = metadata;
        for (int i = 1; i < path.Length && node is not null; i++) node = node is JsonObject o ? o[path[i]] : null;
        return node is JsonValue value ? value.ToString() : null;
    }
}

/// <summary>A step applied only to documents that pass its condition; others pass through untouched and are counted as skipped.</summary>
public sealed class ConditionalStep(IPipelineStep inner, StepCondition? onlyIf, StepCondition? skipIf) : IPipelineStep
{
    private long _skipped;
    private readonly Dictionary<string, long> _stats = new();

    public string Name => inner.Name;

    public IPipelineStep Inner => inner;

    public StepResult Process(Document document)
    {
        bool apply = (onlyIf is null || onlyIf.Matches(document)) && (skipIf is null || !skipIf.Matches(document));
        if (apply) return inner.Process(document);
        _skipped++;
        return StepResult.Kept;
    }

    public IReadOnlyDictionary<string, long> Stats
    {
        get
        {
            _stats.Clear();
            foreach (var (k, v) in inner.Stats) _stats[k] = v;
            _stats["skipped_by_condition"] = _skipped;
            return _stats;
        }
    }
}
