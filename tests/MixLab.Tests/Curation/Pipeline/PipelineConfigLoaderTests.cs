using System.Text.Json.Nodes;
using MixLab.Curation;
using MixLab.Curation.Pipeline;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Pipeline;

public sealed class PipelineConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mixlab-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Yaml_pipeline_keeps_order_options_and_lines()
    {
        var config = PipelineConfigLoader.Load(Write("p.yaml", """
            format: parquet
            exclusions: false
            pipeline:
              - step: gopher_quality
                min_doc_words: 40
                stop_words: [the, and]
              - step: fineweb_quality
            """));
        Assert.Equal(DocumentOutputFormat.Parquet, config.Format);
        Assert.False(config.WriteExclusions);
        Assert.Equal(["gopher_quality", "fineweb_quality"], config.Steps.Select(s => s.Name));
        Assert.Equal(40, config.Steps[0].Options["min_doc_words"]!.GetValue<long>());
        Assert.Equal(2, config.Steps[0].Options["stop_words"]!.AsArray().Count);
        Assert.Equal(4, config.Steps[0].Line);
        Assert.Equal(7, config.Steps[1].Line);
    }

    [Fact]
    public void Zstd_levels_default_to_3_for_output_and_1_for_exclusions_and_are_bound_and_checked()
    {
        var defaults = PipelineConfigLoader.Load(Write("d.yaml", "pipeline:\n  - step: pii\n"));
        Assert.Equal(3, defaults.ZstdLevel);
        Assert.Equal(1, defaults.ExclusionsZstdLevel);
        var set = PipelineConfigLoader.Load(Write("z.yaml", "zstd_level: 9\nexclusions_zstd_level: 2\npipeline:\n  - step: pii\n"));
        Assert.Equal(9, set.ZstdLevel);
        Assert.Equal(2, set.ExclusionsZstdLevel);
        var e = Assert.Throws<CurationConfigException>(() => PipelineConfigLoader.Load(Write("bad.yaml", "zstd_level: 0\npipeline:\n  - step: pii\n")));
        Assert.Contains("field 'zstd_level'", e.Message);
    }

    [Fact]
    public void Json_config_reads_like_yaml()
    {
        var config = PipelineConfigLoader.Load(Write("p.json", """{"pipeline": [{"step": "pii"}, {"step": "exact_dedup"}], "max_shard_bytes": 4096}"""));
        Assert.Equal(["pii", "exact_dedup"], config.Steps.Select(s => s.Name));
        Assert.Equal(4096, config.MaxShardBytes);
    }

    [Fact]
    public void Overrides_change_one_preset_step_and_keep_the_rest()
    {
        var config = PipelineConfigLoader.Load(Write("o.yaml", """
            preset: mixturevitae
            overrides:
              licensing:
                keep_tiers: [public-domain]
            """));
        var preset = CurationPresets.Get("mixturevitae")!;
        Assert.Equal(preset.Steps.Select(s => s.Name), config.Steps.Select(s => s.Name));
        var tiers = config.Steps[0].Options["keep_tiers"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["public-domain"], tiers);
        Assert.Equal(preset.Steps[5].Options.ToJsonString(), config.Steps[5].Options.ToJsonString());
    }

    [Theory]
    [InlineData("pipelin:\n  - step: pii\n", "b.yaml:1: unknown key 'pipelin'")]
    [InlineData("preset: nope\n", "b.yaml:1: field 'preset': unknown preset 'nope'")]
    [InlineData("pipeline:\n  - min_doc_words: 3\n", "b.yaml:2: field 'step': missing")]
    [InlineData("format: csv\npipeline:\n  - step: pii\n", "b.yaml:1: field 'format'")]
    [InlineData("preset: fineweb\noverrides:\n  licensing: {keep_tiers: [permissive]}\n", "b.yaml:3: field 'overrides': the pipeline has no step 'licensing'")]
    [InlineData("pipeline: [\n", "b.yaml:")]
    public void Bad_configs_name_file_line_and_field(string yaml, string expected)
    {
        string path = Write("b.yaml", yaml);
        var e = Assert.Throws<CurationConfigException>(() => PipelineConfigLoader.Load(path));
        Assert.StartsWith(Path.Combine(_dir, expected), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_config_file_is_a_clear_error()
    {
        var e = Assert.Throws<CurationConfigException>(() => PipelineConfigLoader.Load(Path.Combine(_dir, "none.yaml")));
        Assert.Contains("config file not found", e.Message);
    }

    [Fact]
    public void Every_preset_step_is_a_known_step()
    {
        var registry = BuiltInSteps.Create();
        foreach (var name in CurationPresets.Names)
            foreach (var step in CurationPresets.Get(name)!.Steps)
                Assert.True(step.Name == CurationRunner.DedupStepName || registry.Contains(step.Name), $"{name}: {step.Name}");
    }

    [Fact]
    public void Conditions_select_documents_by_metadata_source_and_tier()
    {
        var condition = StepCondition.Parse(JsonNode.Parse("""{"metadata.domain": ["code", "lexicon"], "source": "debian/x"}"""), "test");
        var code = new Document("a", "t") { Metadata = new JsonObject { ["domain"] = "code" } };
        var prose = new Document("b", "t") { Metadata = new JsonObject { ["domain"] = "technical" } };
        var bySource = new Document("c", "t") { Source = "debian/x" };
        Assert.True(condition.Matches(code));
        Assert.False(condition.Matches(prose));
        Assert.True(condition.Matches(bySource));
        var tier = StepCondition.Parse(JsonNode.Parse("""{"license.tier": "permissive"}"""), "test");
        Assert.True(tier.Matches(new Document("d", "t") { License = new LicenseRecord("MIT", LicenseTier.Permissive, [], 1) }));
        Assert.False(tier.Matches(new Document("e", "t")));
    }

    [Fact]
    public void Bad_condition_says_what_to_write()
    {
        var e = Assert.Throws<CurationConfigException>(() => StepCondition.Parse(JsonValue.Create("code"), "f.yaml:3: step 'x': field 'skip_if'"));
        Assert.StartsWith("f.yaml:3: step 'x': field 'skip_if': expected a mapping", e.Message);
    }
}
