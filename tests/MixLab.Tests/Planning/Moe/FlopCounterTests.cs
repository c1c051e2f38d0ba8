using MixLab.Planning.Moe;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// moe.md §7.4: forward FLOPs per token by Appendix C (attention d²(2 + 2 n_kv/n_h) + 4 s d, dense FFN 6 d d_ffn, MoE FFN
/// 6 d (E_a + E_s) d_exp, logits excluded), the 2-FLOP/MAC and projections-only variants, and training compute.
/// </summary>
public sealed class FlopCounterTests
{
    [Theory]
    [InlineData(4096, 1.292e10, 2.109e9, 6.13)]
    [InlineData(8192, 1.480e10, 2.780e9, 5.32)]
    public void Paper_convention_table(int context, double dense, double moe, double ratio)
    {
        var d = FlopCounter.Count(Dense61B(context));
        var m = FlopCounter.Count(LingMiniBeta(context));
        Assert.Equal(FlopConvention.PaperAppendixC, d.Convention);
        Rel(dense, d.PerToken, 1e-3, $"Dense-6.1B at s = {context}");
        Rel(moe, m.PerToken, 1e-3, $"Ling-mini-beta at s = {context}");
        Abs(ratio, d.PerToken / m.PerToken, 0.006, "ratio (printed to 2 decimals)");
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(8192)]
    public void Projections_only_drops_the_score_term(int context)
    {
        var d = FlopCounter.Count(Dense61B(context), FlopConvention.ProjectionsOnly);
        var m = FlopCounter.Count(LingMiniBeta(context), FlopConvention.ProjectionsOnly);
        Assert.Equal(FlopConvention.ProjectionsOnly, d.Convention);
        Rel(1.104e10, d.PerToken, 1e-3, "Dense-6.1B");
        Rel(1.438e9, m.PerToken, 1e-3, "Ling-mini-beta");
        Abs(7.68, d.PerToken / m.PerToken, 0.006, "ratio");
        // The difference to the paper convention is exactly L·4·s·d.
        Rel(28 * 4.0 * context * 4096, FlopCounter.Count(Dense61B(context)).PerToken - d.PerToken, 1e-12, "score term");
    }

    [Theory]
    [InlineData(4096, 1.409e10, 2.319e9, 6.08)]
    [InlineData(8192, 1.597e10, 2.990e9, 5.34)]
    public void Two_flops_per_mac_table(int context, double dense, double moe, double ratio)
    {
        var d = FlopCounter.Count(Dense61B(context), FlopConvention.TwoFlopsPerMac);
        var m = FlopCounter.Count(LingMiniBeta(context), FlopConvention.TwoFlopsPerMac);
        Assert.Equal(FlopConvention.TwoFlopsPerMac, m.Convention);
        Rel(dense, d.PerToken, 1e-3, "Dense-6.1B");
        Rel(moe, m.PerToken, 1e-3, "Ling-mini-beta");
        Abs(ratio, d.PerToken / m.PerToken, 0.006, "ratio");
    }

    [Fact]
    public void Parts_follow_the_appendix_c_formulas()
    {
        var f = FlopCounter.Count(LingMiniBeta(4096));
        double d = 2048;
        Rel(20 * (d * d * (2 + 2.0 * 4 / 16) + 4.0 * 4096 * d), f.Attention, 1e-12, "attention");
        Rel(1 * 6 * d * 5120 + 19 * 6 * d * 13 * 384, f.Ffn, 1e-12, "FFN: 1 dense layer + 19 MoE layers with 12 + 1 experts");
        Rel(2 * d * 126_464, f.Logits, 1e-12, "logits 2·d·V");
        Rel(f.Attention + f.Ffn, f.PerToken, 1e-12, "M excludes logits");
        Rel(3 * f.PerToken, f.TrainingPerToken, 1e-12, "training = 3 × forward");
        Rel(f.Attention / f.PerToken, f.AttentionShare, 1e-12, "attention share");
    }

    [Fact]
    public void Training_compute_at_1T_tokens_and_8K_context()
    {
        const double tokens = 1e12;
        var d = FlopCounter.Count(Dense61B(8192));
        var m = FlopCounter.Count(LingMiniBeta(8192));
        Rel(4.44e22, d.TrainingPerToken * tokens, 3e-3, "dense 3 × forward");
        Rel(8.34e21, m.TrainingPerToken * tokens, 3e-3, "MoE 3 × forward");

        double dense6N = 6.0 * ParameterCounter.Count(Dense61B()).ActiveNonEmbedding * tokens;
        double moe6N = 6.0 * ParameterCounter.Count(LingMiniBeta()).ActiveNonEmbedding * tokens;
        Rel(3.66e22, dense6N, 3e-3, "dense 6·N·D");
        Rel(5.03e21, moe6N, 3e-3, "MoE 6·N·D");
        Abs(7.28, dense6N / moe6N, 0.006, "6N ratio");
    }

    [Fact]
    public void Inactive_experts_cost_no_flops()
    {
        var a = FlopCounter.Count(LingMiniBeta());
        var b = FlopCounter.Count(LingMiniBeta() with { Experts = 768 });
        Assert.Equal(a.PerToken, b.PerToken);
    }
}
