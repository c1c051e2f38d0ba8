using MixLab.Planning.Moe;
using Xunit.Abstractions;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// Config files: MixLab's field names and a Hugging Face config.json read to the same model; impossible configs give a
/// <see cref="MoeConfigException"/> naming the file and the field.
/// </summary>
public sealed class MoeConfigJsonTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string LingMiniHf = """
        {
          "architectures": ["BailingMoeV2ForCausalLM"],
          "model_type": "bailing_moe",
          "hidden_size": 2048,
          "intermediate_size": 5120,
          "num_hidden_layers": 20,
          "num_attention_heads": 16,
          "num_key_value_heads": 4,
          "head_dim": 128,
          "vocab_size": 157184,
          "num_experts": 256,
          "num_shared_experts": 1,
          "num_experts_per_tok": 8,
          "moe_intermediate_size": 512,
          "first_k_dense_replace": 1,
          "n_group": 8,
          "topk_group": 4,
          "routed_scaling_factor": 1.0,
          "rope_theta": 600000.0,
          "max_position_embeddings": 32768,
          "use_qk_norm": true,
          "tie_word_embeddings": false,
          "torch_dtype": "bfloat16"
        }
        """;

    /// <summary>A valid MixLab-field MoE config with one field replaced (raw JSON value) or removed (null).</summary>
    private static string MixLabConfig(string? field = null, string? value = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["layers"] = "20", ["d_model"] = "2048", ["heads"] = "16", ["kv_heads"] = "4", ["d_ffn"] = "5120", ["vocab"] = "157184",
            ["experts"] = "256", ["active_experts"] = "8", ["shared_experts"] = "1", ["d_expert"] = "512", ["dense_layers"] = "1",
        };
        if (field is not null)
        {
            if (value is null) fields.Remove(field); else fields[field] = value;
        }
        return "{ " + string.Join(", ", fields.Select(kv => $"\"{kv.Key}\": {kv.Value}")) + " }";
    }

    private MoeConfigException Fails(string name, string json, params string[] mentions)
    {
        var path = _dir.Write(name, json);
        var e = Assert.Throws<MoeConfigException>(() => MoeConfigJson.Read(path));
        output.WriteLine(e.Message);
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var m in mentions) Assert.Contains(m, e.Message);
        return e;
    }

    [Fact]
    public void Sample_with_mixlab_fields_reads_every_field()
    {
        var c = ReadSample("ling-mini-2.0");
        Assert.Equal("Ling-mini-2.0", c.Name);
        Assert.Equal(LingMini20() with { Context = 4096 }, c);
        Assert.Equal(19, c.MoeLayers);
    }

    [Fact]
    public void Every_sample_config_is_valid()
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Sample("dense-6.1b"))!, "*.json"))
        {
            var c = MoeConfigJson.Read(file);
            Assert.Empty(c.Problems());
        }
        Assert.False(ReadSample("dense-6.1b").IsMoe);
        Assert.Equal(8192, ReadSample("dense-6.1b").Context);
        Assert.True(ReadSample("ling-1t").IsMoe);
    }

    [Fact]
    public void Hugging_face_config_gives_the_same_counts_as_the_sample()
    {
        var path = _dir.Write("config.json", LingMiniHf);
        var hf = MoeConfigJson.Read(path);
        var sample = ReadSample("ling-mini-2.0");
        Assert.Equal("config", hf.Name);                     // no "name": the file name
        Assert.Equal(sample.Layers, hf.Layers);
        Assert.Equal(sample.DModel, hf.DModel);
        Assert.Equal(sample.Heads, hf.Heads);
        Assert.Equal(sample.KvHeads, hf.KvHeads);
        Assert.Equal(sample.FfnSize, hf.FfnSize);
        Assert.Equal(sample.Vocab, hf.Vocab);
        Assert.Equal(sample.Experts, hf.Experts);
        Assert.Equal(sample.ActiveExperts, hf.ActiveExperts);
        Assert.Equal(sample.SharedExperts, hf.SharedExperts);
        Assert.Equal(sample.ExpertSize, hf.ExpertSize);
        Assert.Equal(sample.DenseLayers, hf.DenseLayers);
        Assert.False(hf.TiedEmbeddings);
        Assert.Equal(ParameterCounter.Count(sample), ParameterCounter.Count(hf));
        Assert.Equal(16_255_549_440, ParameterCounter.Count(hf).Total);
        Assert.Equal(MoeRatios.Of(sample), MoeRatios.Of(hf));
    }

    [Fact]
    public void Hugging_face_config_without_head_dim_or_kv_heads()
    {
        // head_dim defaults to d/n_h (= 128 here) and num_key_value_heads to num_attention_heads (multi-head attention).
        var json = LingMiniHf.Replace("\"head_dim\": 128,", "").Replace("\"num_key_value_heads\": 4,", "");
        var c = MoeConfigJson.Read(_dir.Write("mha.json", json));
        Assert.Null(c.HeadDim);
        Assert.Equal(128, c.EffectiveHeadDim);
        Assert.Equal(16, c.KvHeads);
        var gqa = ParameterCounter.Count(ReadSample("ling-mini-2.0"));
        // K and V projections at 16 instead of 4 heads: 2·d·(16 − 4)·128 more per layer.
        Assert.Equal(20L * 2 * 2048 * 12 * 128, ParameterCounter.Count(c).NonEmbedding - gqa.NonEmbedding);
    }

    [Fact]
    public void Tied_word_embeddings_are_read()
    {
        var c = MoeConfigJson.Read(_dir.Write("tied.json", LingMiniHf.Replace("\"tie_word_embeddings\": false", "\"tie_word_embeddings\": true")));
        Assert.True(c.TiedEmbeddings);
        Assert.Equal(157_184L * 2048, ParameterCounter.Count(c).Embedding);
    }

    [Fact]
    public void Active_experts_above_experts_is_an_error() =>
        Fails("bad-active.json", MixLabConfig("active_experts", "300"), "active_experts", "300", "256");

    [Fact]
    public void Heads_not_dividing_d_model_is_an_error() =>
        Fails("bad-heads.json", MixLabConfig("heads", "15").Replace("\"kv_heads\": 4", "\"kv_heads\": 5"), "heads", "d_model");

    [Fact]
    public void Negative_d_model_is_an_error() =>
        Fails("neg.json", MixLabConfig("d_model", "-2048"), "d_model", "-2048");

    [Fact]
    public void Negative_expert_size_is_an_error() =>
        Fails("neg-expert.json", MixLabConfig("d_expert", "-512"), "d_expert");

    [Fact]
    public void Kv_heads_not_dividing_heads_is_an_error() =>
        Fails("bad-kv.json", MixLabConfig("kv_heads", "3"), "kv_heads", "heads");

    [Fact]
    public void Missing_layers_is_an_error() =>
        Fails("no-layers.json", MixLabConfig("layers", null), "layers", "missing");

    [Fact]
    public void Non_integer_field_is_an_error()
    {
        Fails("fraction.json", MixLabConfig("d_model", "2048.5"), "d_model", "2048.5");
        Fails("string.json", MixLabConfig("experts", "\"256\""), "experts");
        Fails("hf-fraction.json", LingMiniHf.Replace("\"num_experts_per_tok\": 8", "\"num_experts_per_tok\": 8.5"), "num_experts_per_tok");
    }

    [Fact]
    public void Invalid_json_is_an_error()
    {
        Fails("broken.json", "{ \"layers\": 20, \"d_model\": ", "JSON");
        Fails("array.json", "[1, 2, 3]", "object");
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        var path = Path.Combine(_dir.Path, "nowhere.json");
        var e = Assert.Throws<MoeConfigException>(() => MoeConfigJson.Read(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Problems_lists_every_problem_of_an_impossible_config()
    {
        var c = LingMini20() with { ActiveExperts = 300, DModel = -2048, KvHeads = 3, HeadDim = null };
        var problems = c.Problems();
        Assert.Contains(problems, p => p.Contains("active_experts"));
        Assert.Contains(problems, p => p.Contains("d_model"));
        Assert.Contains(problems, p => p.Contains("kv_heads"));
        Assert.Empty(LingMini20().Problems());
        Assert.Empty(Dense61B().Problems());
    }
}
