using MixLab.Planning.Moe;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// Shared inputs of the MoE tests: the bundled sample configs (samples/moe), the synthetic run table
/// (samples/runs/moe-runs.csv) and the configs of moe.md §4.2/§7.3 built in code, plus tolerance helpers.
/// </summary>
internal static class MoeTestData
{
    public static string Sample(string name) => Path.Combine(TestData.RepositoryRoot, "samples", "moe", name + ".json");

    public static string RunsCsv => Path.Combine(TestData.RepositoryRoot, "samples", "runs", "moe-runs.csv");

    public static MoeConfig ReadSample(string name) => MoeConfigJson.Read(Sample(name));

    /// <summary>Dense-6.1B (EL paper Table 3): 28 L, d 4096, d_ffn 14336, 32 h / 8 kv, V 126,464.</summary>
    public static MoeConfig Dense61B(int context = 4096) => new()
    {
        Name = "Dense-6.1B", Layers = 28, DModel = 4096, Heads = 32, KvHeads = 8, FfnSize = 14336, Vocab = 126_464, Context = context,
    };

    /// <summary>Ling-mini-beta (EL paper Table 3, layer 1 dense per moe.md §4.3): 20 L, d 2048, 16 h / 4 kv, E 384, E_a 12, E_s 1, d_exp 384.</summary>
    public static MoeConfig LingMiniBeta(int context = 4096, int denseLayers = 1) => new()
    {
        Name = "Ling-mini-beta", Layers = 20, DModel = 2048, Heads = 16, KvHeads = 4, FfnSize = 5120, Vocab = 126_464, Context = context,
        Experts = 384, ActiveExperts = 12, SharedExperts = 1, ExpertSize = 384, DenseLayers = denseLayers,
    };

    /// <summary>Ling-mini-2.0 (HF BailingMoeV2 config, moe.md §5.2).</summary>
    public static MoeConfig LingMini20() => new()
    {
        Name = "Ling-mini-2.0", Layers = 20, DModel = 2048, Heads = 16, KvHeads = 4, HeadDim = 128, FfnSize = 5120, Vocab = 157_184,
        Experts = 256, ActiveExperts = 8, SharedExperts = 1, ExpertSize = 512, DenseLayers = 1,
    };

    /// <summary>Asserts |actual − expected| ≤ rel·|expected|.</summary>
    public static void Rel(double expected, double actual, double rel, string what = "")
    {
        Assert.True(double.IsFinite(actual), $"{what}: got {actual}");
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected),
            $"{what}: expected {expected:G6} within {rel:P3}, got {actual:G6} ({(actual / expected - 1):P3} off)");
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance.</summary>
    public static void Abs(double expected, double actual, double tolerance, string what = "")
    {
        Assert.True(double.IsFinite(actual), $"{what}: got {actual}");
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:G6} ± {tolerance:G3}, got {actual:G6}");
    }
}
