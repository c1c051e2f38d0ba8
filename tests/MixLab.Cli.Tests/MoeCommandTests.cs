using System.Text.Json;
using System.Text.RegularExpressions;
using static MixLab.Cli.Tests.FileChecks;
using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>
/// <c>mixlab moe inspect | el | plan | fit</c>: the issue's examples as written, the files each verb writes, and bad input
/// (exit 2, one stderr line, no stack trace). Expected numbers are moe.md §7's.
/// </summary>
public class MoeCommandTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private const string MoeRuns = "samples/runs/moe-runs.csv";

    private static JsonElement Json(MixlabResult r)
    {
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.Clone();
    }

    private static void Rel(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected), $"{what}: expected {expected:G6} within {rel:P2}, got {actual:G6}");

    /// <summary>Console text with runs of whitespace (including the console's line wrapping) collapsed to one space.</summary>
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void Inspect_example_prints_the_counts()
    {
        var j = Json(Run("moe", "inspect", "samples/moe/ling-mini-2.0.json", "--json"));
        Rel(16.26e9, j.GetProperty("total_params").GetDouble(), 0.005, "total_params");
        Rel(1.433e9, j.GetProperty("active_params").GetDouble(), 0.005, "active_params");
        Rel(0.789e9, j.GetProperty("active_non_embedding_params").GetDouble(), 0.005, "active_non_embedding_params");
        Assert.Equal(16_255_549_440, j.GetProperty("total_params").GetInt64());
        Assert.Equal(0.03125, j.GetProperty("activation_ratio").GetProperty("routed").GetDouble(), 12);
        Assert.Equal(8, j.GetProperty("granularity").GetProperty("el_paper").GetDouble(), 12);
        Assert.Equal("paper", j.GetProperty("flops_per_token").GetProperty("convention").GetString());
    }

    [Fact]
    public void Inspect_as_text_shows_the_counts()
    {
        var r = Run("moe", "inspect", "samples/moe/ling-mini-2.0.json");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("16.256B", r.Stdout);
        Assert.Contains("1.433B", r.Stdout);
        Assert.Contains("789.1M", r.Stdout);
    }

    [Fact]
    public void El_example_prints_7_245()
    {
        var j = Json(Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e22", "--json"));
        Rel(7.245, j.GetProperty("el").GetDouble(), 1e-3, "el");
        Rel(7.245e22, j.GetProperty("dense_equivalent_compute").GetDouble(), 1e-3, "dense-equivalent compute");
        Rel(11.34, j.GetProperty("optimal_granularity").GetDouble(), 1e-3, "optimal_granularity");
        Rel(0.0473, j.GetProperty("saturated_activation").GetDouble(), 1e-3, "Â");
    }

    [Fact]
    public void El_with_natural_log_of_G_gives_6_875()
    {
        var j = Json(Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e22",
            "--granularity-log-base", "2.718281828459045", "--json"));
        Rel(6.875, j.GetProperty("el").GetDouble(), 1e-3, "el with ln G");
    }

    [Fact]
    public void El_of_a_config_file_reads_A_and_G_from_it()
    {
        var j = Json(Run("moe", "el", "samples/moe/ling-mini-beta.json", "--compute", "1e22", "--json"));
        Assert.Equal(12.0 / 384, j.GetProperty("activation_ratio").GetDouble(), 12);
        Assert.Equal(2.0 * 2048 / 384, j.GetProperty("granularity").GetDouble(), 9);
        Assert.Equal("routed", j.GetProperty("activation_reading").GetString());
        Rel(7.2198, j.GetProperty("el").GetDouble(), 1e-3, "EL(12/384, 10.67, 1e22)");
        // --granularity overrides the config's G = 10.67 with the paper's label G = 12.
        var g12 = Json(Run("moe", "el", "samples/moe/ling-mini-beta.json", "--compute", "1e22", "--granularity", "12", "--json"));
        Rel(7.220, g12.GetProperty("el").GetDouble(), 1e-3, "EL(12/384, 12, 1e22)");
        var stated = Json(Run("moe", "el", "samples/moe/ling-mini-beta.json", "--compute", "1e22", "--granularity", "12", "--activation-reading", "stated", "--json"));
        Assert.Equal(13.0 / 385, stated.GetProperty("activation_ratio").GetDouble(), 12);
        Rel(6.98, stated.GetProperty("el").GetDouble(), 2e-3, "EL(13/385, 12, 1e22)");
    }

    [Fact]
    public void Compute_outside_the_fitted_range_warns_how_many_decades()
    {
        var text = Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e22");
        Assert.True(text.ExitCode == 0, text.ToString());
        var flat = Flat(text.Stdout + " " + text.Stderr);
        Assert.Contains("EL = 7.245", flat);
        Assert.Matches(@"warning.*1\.2 decades outside", flat);

        var j = Json(Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e22", "--json"));
        Rel(1.2218, j.GetProperty("decades_outside_fitted_range").GetDouble(), 1e-3, "decades_outside_fitted_range");
        var warnings = j.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("1.2 decades"));

        var inside = Json(Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e20", "--json"));
        Assert.Equal(0, inside.GetProperty("decades_outside_fitted_range").GetDouble());
        Assert.DoesNotContain(inside.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("decades"));
    }

    [Fact]
    public void Plan_writes_plan_json_and_plots()
    {
        var dir = _tmp["plan"];
        var j = Json(Run("moe", "plan", "--compute", "1e21", "--max-total-params", "20e9", "--out", dir, "--json"));
        var file = ReadJson(Path.Combine(dir, "plan.json"));
        var candidates = j.GetProperty("candidates").EnumerateArray().ToList();
        Assert.NotEmpty(candidates);
        Assert.Equal(candidates.Count, file.GetProperty("candidates").GetArrayLength());
        double previous = double.PositiveInfinity;
        foreach (var c in candidates)
        {
            Assert.True(c.GetProperty("total_params").GetDouble() <= 20e9, c.GetProperty("name").GetString());
            double el = c.GetProperty("el").GetDouble();
            Assert.True(el > 1 && el <= previous + 1e-6, $"EL {el} after {previous}");
            previous = el;
        }
        Assert.Equal(candidates[0].GetProperty("el").GetDouble(), file.GetProperty("candidates")[0].GetProperty("el").GetDouble());
        Assert.Contains(j.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("0.2 decades"));
        AssertPng(Path.Combine(dir, "el-heatmap.png"));
        AssertPng(Path.Combine(dir, "el-vs-compute.png"));
    }

    [Fact]
    public void Fit_writes_el_fit_json_and_the_refit_plot()
    {
        var dir = _tmp["fit"];
        var j = Json(Run("moe", "fit", MoeRuns, "--out", dir, "--json"));
        var file = ReadJson(Path.Combine(dir, "el-fit.json"));
        Assert.True(j.GetProperty("converged").GetBoolean());
        var law = file.GetProperty("fitted_law");
        Assert.InRange(law.GetProperty("a").GetDouble(), 1.13, 1.33);
        Assert.InRange(law.GetProperty("d").GetDouble(), -0.0861, -0.0661);
        Assert.InRange(file.GetProperty("dense_curve").GetProperty("beta").GetDouble(), 0.048, 0.052);
        Assert.Equal(45, file.GetProperty("runs").GetArrayLength());
        Assert.Equal(1.23, file.GetProperty("paper_law").GetProperty("a").GetDouble());
        AssertPng(Path.Combine(dir, "el-refit.png"));
    }

    [Fact]
    public void Moe_help_lists_the_four_verbs()
    {
        var r = Run("moe", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var verb in new[] { "inspect", "el", "plan", "fit" })
            Assert.Matches(new Regex($@"(?m)^\s+{verb}\b"), r.Stdout);
    }

    // ---- bad input: exit 2, one stderr line, no stack trace ----

    [Fact]
    public void Impossible_config_file_exits_2_naming_file_and_field()
    {
        var path = _tmp.Write("impossible.json",
            """{ "layers": 20, "d_model": 2048, "heads": 16, "kv_heads": 4, "d_ffn": 5120, "vocab": 157184, "experts": 8, "active_experts": 9, "d_expert": 512 }""");
        AssertBadInput(Run("moe", "inspect", path), "impossible.json", "active_experts");
        AssertBadInput(Run("moe", "el", path, "--compute", "1e22"), "impossible.json", "active_experts");
    }

    [Fact]
    public void Config_with_heads_not_dividing_d_model_exits_2()
    {
        var path = _tmp.Write("heads.json", """{ "layers": 4, "d_model": 1000, "heads": 16, "d_ffn": 4000, "vocab": 32000 }""");
        AssertBadInput(Run("moe", "inspect", path), "heads.json", "heads", "d_model");
    }

    [Fact]
    public void Missing_config_file_exits_2() =>
        AssertBadInput(Run("moe", "inspect", _tmp["missing.json"]), "missing.json");

    [Fact]
    public void El_without_compute_exits_2() =>
        AssertBadInput(Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12"), "--compute");

    [Fact]
    public void El_without_a_design_exits_2() =>
        AssertBadInput(Run("moe", "el", "--compute", "1e22"), "--activation-ratio", "--granularity");

    // The validation messages of these two say "(0, 1]"; they must reach the user as one line, not as an unhandled exception.

    [Fact]
    public void El_with_activation_ratio_above_1_exits_2()
    {
        var line = AssertBadInput(Run("moe", "el", "--activation-ratio", "1.5", "--granularity", "12", "--compute", "1e22"), "--activation-ratio");
        Assert.Contains("(0, 1]", line);
    }

    [Fact]
    public void Plan_with_min_activation_above_1_exits_2()
    {
        var line = AssertBadInput(Run("moe", "plan", "--compute", "1e21", "--min-activation", "2", "--no-plots", "--out", _tmp["p"]), "--min-activation");
        Assert.Contains("(0, 1]", line);
    }

    [Fact]
    public void Unparsable_number_with_a_bracket_exits_2() =>
        AssertBadInput(Run("moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e2[2"), "1e2[2");

    [Fact]
    public void El_on_a_dense_config_exits_2() =>
        AssertBadInput(Run("moe", "el", "samples/moe/dense-6.1b.json", "--compute", "1e22"), "dense-6.1b.json", "dense");

    [Fact]
    public void Plan_without_compute_exits_2() =>
        AssertBadInput(Run("moe", "plan", "--max-total-params", "20e9"), "--compute");

    [Fact]
    public void Fit_with_two_MoE_runs_exits_2_naming_the_column()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, MoeRuns));
        var two = lines.Where(l => !l.StartsWith("moe-")).Concat(lines.Where(l => l.StartsWith("moe-")).Take(2));
        var path = _tmp.Write("two-moe.csv", string.Join('\n', two) + "\n");
        var line = AssertBadInput(Run("moe", "fit", path, "--out", _tmp["fit2"]), "two-moe.csv", "experts");
        Assert.Contains("2 MoE runs", line);
        Assert.False(File.Exists(_tmp["fit2/el-fit.json"]));
    }

    [Fact]
    public void Fit_without_granularity_exits_2_naming_the_column()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, MoeRuns)).Select(l => string.Join(',', l.Split(',')[..5]));
        var path = _tmp.Write("no-g.csv", string.Join('\n', lines) + "\n");
        AssertBadInput(Run("moe", "fit", path, "--out", _tmp["fit3"]), "no-g.csv", "granularity");
    }
}
