using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Reads a pipeline configuration from YAML or JSON (JSON is read as YAML flow style), keeping the line of every step
/// and option for error messages. Layout (docs/curate.md):
/// <code>
/// preset: mixturevitae          # optional starting point
/// format: jsonl.zst             # or parquet, jsonl
/// max_shard_bytes: 1073741824
/// exclusions: true
/// zstd_level: 3                 # kept .jsonl.zst shards (1-19)
/// exclusions_zstd_level: 1      # exclusion folders (1-19)
/// pipeline:                     # optional: replaces the preset's steps
///   - step: gopher_quality
///     min_doc_words: 50
/// overrides:                    # optional: change options of the preset's steps by name
///   licensing: { keep_tiers: [public-domain, permissive] }
/// </code>
/// </summary>
public static class PipelineConfigLoader
{
    private static readonly HashSet<string> TopLevelKeys = ["preset", "format", "max_shard_bytes", "exclusions", "zstd_level", "exclusions_zstd_level", "pipeline", "overrides"];

    public static PipelineConfig Load(string path)
    {
        if (!File.Exists(path)) throw new CurationConfigException($"{path}: config file not found");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new CurationConfigException($"{path}:{e.Start.Line}: not valid YAML or JSON: {FirstLine(e.Message)}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new CurationConfigException($"{path}: expected a mapping with 'preset' and/or 'pipeline' at the top");
        return FromMapping(root, path);
    }

    private static PipelineConfig FromMapping(YamlMappingNode root, string file)
    {
        foreach (var (k, _) in root.Children)
        {
            string key = Key(k, file);
            if (!TopLevelKeys.Contains(key))
                throw new CurationConfigException($"{file}:{k.Start.Line}: unknown key '{key}' (expected one of {string.Join(", ", TopLevelKeys)})");
        }

        PipelineConfig config;
        if (Child(root, "preset") is { } presetNode)
        {
            string name = Scalar(presetNode, file, "preset");
            config = CurationPresets.Get(name) ?? throw new CurationConfigException(
                $"{file}:{presetNode.Start.Line}: field 'preset': unknown preset '{name}' (known: {string.Join(", ", CurationPresets.Names)})");
        }
        else config = new PipelineConfig([]);

        if (Child(root, "pipeline") is { } pipelineNode)
        {
            if (pipelineNode is not YamlSequenceNode seq)
                throw new CurationConfigException($"{file}:{pipelineNode.Start.Line}: field 'pipeline': expected a list of steps");
            var steps = new List<StepSpec>();
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode stepMap)
                    throw new CurationConfigException($"{file}:{item.Start.Line}: field 'pipeline': each step is a mapping with a 'step' key");
                var stepNode = Child(stepMap, "step") ?? throw new CurationConfigException(
                    $"{file}:{item.Start.Line}: field 'step': missing (each pipeline entry names its step)");
                string name = Scalar(stepNode, file, "step");
                var options = new JsonObject();
                foreach (var (k, v) in stepMap.Children)
                {
                    string key = Key(k, file);
                    if (key != "step") options[key] = ToJson(v, file);
                }
                steps.Add(new StepSpec(name, options, file, (int)item.Start.Line));
            }
            config = config with { Steps = steps };
        }

        if (Child(root, "overrides") is { } overridesNode)
        {
            if (overridesNode is not YamlMappingNode overrides)
                throw new CurationConfigException($"{file}:{overridesNode.Start.Line}: field 'overrides': expected step name -> options");
            var steps = config.Steps.ToList();
            foreach (var (k, v) in overrides.Children)
            {
                string name = Key(k, file);
                int index = steps.FindIndex(s => s.Name == name);
                if (index < 0)
                    throw new CurationConfigException($"{file}:{k.Start.Line}: field 'overrides': the pipeline has no step '{name}' (steps: {string.Join(", ", steps.Select(s => s.Name))})");
                if (ToJson(v, file) is not JsonObject values)
                    throw new CurationConfigException($"{file}:{v.Start.Line}: field 'overrides.{name}': expected a mapping of options");
                steps[index] = steps[index].With(values, file, (int)k.Start.Line);
            }
            config = config with { Steps = steps };
        }

        if (Child(root, "format") is { } formatNode)
        {
            string text = Scalar(formatNode, file, "format");
            if (!PipelineConfig.TryParseFormat(text, out var format))
                throw new CurationConfigException($"{file}:{formatNode.Start.Line}: field 'format': '{text}' is not jsonl.zst, parquet or jsonl");
            config = config with { Format = format };
        }
        if (Child(root, "max_shard_bytes") is { } shardNode)
        {
            string text = Scalar(shardNode, file, "max_shard_bytes");
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long bytes) || bytes < 1024)
                throw new CurationConfigException($"{file}:{shardNode.Start.Line}: field 'max_shard_bytes': expected a whole number of bytes >= 1024, got '{text}'");
            config = config with { MaxShardBytes = bytes };
        }
        if (Child(root, "exclusions") is { } exclusionsNode)
        {
            string text = Scalar(exclusionsNode, file, "exclusions");
            if (!bool.TryParse(text, out bool write))
                throw new CurationConfigException($"{file}:{exclusionsNode.Start.Line}: field 'exclusions': expected true or false, got '{text}'");
            config = config with { WriteExclusions = write };
        }
        if (Child(root, "zstd_level") is { } levelNode)
            config = config with { ZstdLevel = ZstdLevel(levelNode, file, "zstd_level") };
        if (Child(root, "exclusions_zstd_level") is { } exclusionsLevelNode)
            config = config with { ExclusionsZstdLevel = ZstdLevel(exclusionsLevelNode, file, "exclusions_zstd_level") };
        if (config.Steps.Count == 0)
            throw new CurationConfigException($"{file}: no steps: give 'preset' or 'pipeline'");
        return config;
    }

    private static int ZstdLevel(YamlNode node, string file, string field)
    {
        string text = Scalar(node, file, field);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int level) || level < 1 || level > 19)
            throw new CurationConfigException($"{file}:{node.Start.Line}: field '{field}': expected a zstd level from 1 to 19, got '{text}'");
        return level;
    }

    /// <summary>Converts a YAML node to JSON: plain scalars become numbers, booleans or null where they read as such.</summary>
    internal static JsonNode? ToJson(YamlNode node, string file) => node switch
    {
        YamlScalarNode s when s.Style is ScalarStyle.Plain => PlainScalar(s.Value ?? ""),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => ToJson(c, file)).ToArray()),
        YamlMappingNode map => ToObject(map, file),
        _ => throw new CurationConfigException($"{file}:{node.Start.Line}: unsupported YAML node"),
    };

    private static JsonObject ToObject(YamlMappingNode map, string file)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.Children) o[Key(k, file)] = ToJson(v, file);
        return o;
    }

    private static JsonNode? PlainScalar(string v)
    {
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return JsonValue.Create(l);
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    private static string Key(YamlNode k, string file) => k is YamlScalarNode s && s.Value is { } v
        ? v : throw new CurationConfigException($"{file}:{k.Start.Line}: keys must be plain names");

    private static string Scalar(YamlNode n, string file, string field) => n is YamlScalarNode s && s.Value is { } v
        ? v : throw new CurationConfigException($"{file}:{n.Start.Line}: field '{field}': expected a single value");

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
