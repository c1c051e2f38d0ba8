using MixLab.Planning.Moe;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// moe.md §7.3: SwiGLU = 3 matrices, GQA, router d·E, untied embeddings. The rounded values are the spec's; the exact integers
/// were re-derived independently from the same conventions.
/// </summary>
public sealed class ParameterCounterTests
{
    [Fact]
    public void Dense_6_1B()
    {
        var c = ParameterCounter.Count(Dense61B());
        Rel(6.107e9, c.NonEmbedding, 1e-3, "non-embedding");
        Rel(1.036e9, c.Embedding, 1e-3, "embedding");
        Assert.Equal(6_106_906_624, c.NonEmbedding);
        Assert.Equal(2L * 126_464 * 4096, c.Embedding);
        Assert.Equal(c.NonEmbedding, c.ActiveNonEmbedding);   // dense: everything is active
        Assert.Equal(c.Total, c.Active);
        Assert.Equal(c.NonEmbedding + c.Embedding, c.Total);
    }

    [Fact]
    public void Dense_6_1B_sample_file_counts_the_same()
    {
        Assert.Equal(ParameterCounter.Count(Dense61B()), ParameterCounter.Count(ReadSample("dense-6.1b")));
    }

    [Fact]
    public void Ling_mini_beta_with_one_dense_layer()
    {
        var c = ParameterCounter.Count(LingMiniBeta());
        Rel(17.51e9, c.NonEmbedding, 1e-3, "total non-embedding");
        Rel(0.839e9, c.ActiveNonEmbedding, 1e-3, "active non-embedding (paper: 0.85 B)");
        Rel(0.518e9, c.Embedding, 1e-3, "embedding");
        Assert.Equal(17_514_364_928, c.NonEmbedding);
        Assert.Equal(838_860_800, c.ActiveNonEmbedding);
        Assert.Equal(ParameterCounter.Count(ReadSample("ling-mini-beta")), c);
    }

    [Fact]
    public void Ling_mini_beta_all_MoE_does_not_match_the_paper()
    {
        var c = ParameterCounter.Count(LingMiniBeta(denseLayers: 0));
        Rel(18.39e9, c.NonEmbedding, 1e-3, "all-MoE total non-embedding");
        Assert.True(Math.Abs(c.NonEmbedding / 17.5e9 - 1) > 0.04, $"all 20 layers MoE gives {c.NonEmbedding / 1e9:F2} B, which should not match the paper's 17.5 B");
    }

    [Fact]
    public void Ling_mini_2_0_matches_the_readme()
    {
        var c = ParameterCounter.Count(ReadSample("ling-mini-2.0"));
        Rel(16.26e9, c.Total, 1e-3, "total");
        Rel(1.433e9, c.Active, 1e-3, "activated");
        Rel(0.789e9, c.ActiveNonEmbedding, 1e-3, "non-embedding activated");
        Assert.Equal(16_255_549_440, c.Total);
        Assert.Equal(1_432_879_104, c.Active);
        Assert.Equal(789_053_440, c.ActiveNonEmbedding);
        Assert.Equal(2L * 157_184 * 2048, c.Embedding);
        Assert.Equal(c, ParameterCounter.Count(LingMini20()));
    }

    [Fact]
    public void Ling_flash_2_0()
    {
        var c = ParameterCounter.Count(ReadSample("ling-flash-2.0"));
        Rel(102.9e9, c.Total, 1e-3, "total (report: 103 B)");
        Rel(6.15e9, c.Active, 1e-3, "activated incl. embeddings (report: 6.1 B)");
        Assert.Equal(102_889_422_848, c.Total);
        Assert.Equal(6_151_995_392, c.Active);
    }

    [Fact]
    public void Ling_1T()
    {
        var c = ParameterCounter.Count(ReadSample("ling-1t"));
        Rel(999.7e9, c.Total, 1e-3, "total (1 T)");
        Rel(51.05e9, c.Active, 1e-3, "activated (51 B)");
        Assert.Equal(999_703_969_792, c.Total);
        Assert.Equal(51_053_068_288, c.Active);
    }

    [Fact]
    public void Ablation_model_of_28B()
    {
        // Table 7 last row: 22 L, d 1280, 20 h / 4 kv, E = 256 (2 active) + 1 shared, d_exp 1280, all layers MoE.
        var config = new MoeConfig
        {
            Name = "ablation-28B", Layers = 22, DModel = 1280, Heads = 20, KvHeads = 4, Vocab = 126_464,
            Experts = 256, ActiveExperts = 2, SharedExperts = 1, ExpertSize = 1280,
        };
        Assert.Empty(config.Problems());
        var c = ParameterCounter.Count(config);
        Rel(27.9e9, c.NonEmbedding, 2e-3, "about 27.9 B");
        Assert.Equal(27_884_257_280, c.NonEmbedding);
    }

    [Fact]
    public void Tied_embeddings_count_once()
    {
        var untied = ParameterCounter.Count(LingMini20());
        var tied = ParameterCounter.Count(LingMini20() with { TiedEmbeddings = true });
        Assert.Equal(untied.Embedding / 2, tied.Embedding);
        Assert.Equal(untied.NonEmbedding, tied.NonEmbedding);
        Assert.Equal(untied.Total - untied.Embedding / 2, tied.Total);
    }

    [Fact]
    public void Each_part_adds_what_it_should()
    {
        var baseCounts = ParameterCounter.Count(LingMini20());
        // One more routed expert per MoE layer: 3·d·d_exp weights plus one router row of d, in each of the 19 MoE layers;
        // not active.
        var more = ParameterCounter.Count(LingMini20() with { Experts = 257 });
        Assert.Equal(19L * (3 * 2048 * 512 + 2048), more.NonEmbedding - baseCounts.NonEmbedding);
        Assert.Equal(19L * 2048, more.ActiveNonEmbedding - baseCounts.ActiveNonEmbedding);
        // One more active expert: active grows by 3·d·d_exp per MoE layer, total unchanged.
        var active = ParameterCounter.Count(LingMini20() with { ActiveExperts = 9 });
        Assert.Equal(baseCounts.NonEmbedding, active.NonEmbedding);
        Assert.Equal(19L * 3 * 2048 * 512, active.ActiveNonEmbedding - baseCounts.ActiveNonEmbedding);
    }
}
