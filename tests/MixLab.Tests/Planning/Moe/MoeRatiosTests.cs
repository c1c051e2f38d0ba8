using MixLab.Planning.Moe;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>moe.md §1.3: the activation-ratio readings, sharing ratio and granularity (EL paper and Krajewski).</summary>
public sealed class MoeRatiosTests
{
    [Fact]
    public void Ling_mini_beta_readings()
    {
        var r = MoeRatios.Of(LingMiniBeta());
        Assert.Equal(0.03125, r.ActivationRouted, 12);            // 12/384: the "3.1 %" of the headline
        Assert.Equal(13.0 / 385, r.ActivationStated, 12);         // (E_a + E_s)/(E + E_s) = 3.38 %: the paper's "3.4 %"
        Assert.Equal(13.0 / 384, r.ActivationWithShared, 12);     // (E_a + E_s)/E
        Abs(0.0338, r.ActivationStated, 5e-5, "stated A ≈ 3.4 %");
        Assert.Equal(1.0 / 13, r.Sharing, 12);
        Abs(10.67, r.Granularity, 0.005, "G = 2·2048/384 (the paper says 12)");
        Assert.Equal(4.0 * 2048 / 384, r.GranularityKrajewski, 12);
    }

    [Fact]
    public void Ling_2_0_series()
    {
        foreach (var name in new[] { "ling-mini-2.0", "ling-flash-2.0", "ling-1t" })
        {
            var r = MoeRatios.Of(ReadSample(name));
            Assert.Equal(1.0 / 32, r.ActivationRouted, 12);
            Abs(0.0350, r.ActivationStated, 5e-5, $"{name}: 9/257 ≈ 3.5 %");
            Assert.Equal(8, r.Granularity, 12);
            Assert.Equal(16, r.GranularityKrajewski, 12);
            Assert.Equal(1.0 / 9, r.Sharing, 12);
        }
    }

    [Fact]
    public void Hp_study_configuration_gives_7_8_percent_with_shared()
    {
        // 64 experts, 4 active + 1 shared: "A = 7.8 %" is (E_a + E_s)/E.
        var c = LingMiniBeta() with { Experts = 64, ActiveExperts = 4, SharedExperts = 1, ExpertSize = 2048 };
        var r = MoeRatios.Of(c);
        Abs(0.078, r.ActivationWithShared, 5e-4, "with shared");
        Assert.Equal(2, r.Granularity, 12);
        Assert.Equal(0.2, r.Sharing, 12);
    }

    [Fact]
    public void Dense_model_has_ratio_one_and_no_granularity()
    {
        var r = MoeRatios.Of(Dense61B());
        Assert.Equal(1, r.ActivationRouted);
        Assert.Equal(1, r.ActivationStated);
        Assert.Equal(1, r.ActivationWithShared);
        Assert.Equal(0, r.Sharing);
        Assert.True(double.IsNaN(r.Granularity));
    }
}
