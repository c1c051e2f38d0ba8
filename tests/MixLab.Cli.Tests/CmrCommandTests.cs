using System.Text.Json;
using System.Text.RegularExpressions;
using static MixLab.Cli.Tests.FileChecks;
using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>
/// <c>mixlab cmr</c> end to end on the bundled CPT sample, as in the issue:
/// <c>mixlab cmr RUNS.csv --general-domain general --target-domain finance --epsilon 0.05 --target-tokens 20e9 --out DIR</c>.
/// </summary>
public class CmrCommandTests
{
    public const string CptRuns = "samples/runs/cpt-runs.csv";

    public static readonly string[] IssueExample =
        ["cmr", CptRuns, "--general-domain", "general", "--target-domain", "finance", "--epsilon", "0.05", "--target-tokens", "20e9"];

    public static readonly string[] Plots = ["cmr-general-loss.png", "cmr-domain-loss.png", "cmr-feasible-region.png", "cmr-vs-tokens.png"];

    private static double Number(JsonElement e, string name)
    {
        Assert.True(e.TryGetProperty(name, out var v), $"missing '{name}'");
        Assert.True(v.ValueKind == JsonValueKind.Number, $"'{name}' is {v.ValueKind}, not a number");
        double x = v.GetDouble();
        Assert.True(double.IsFinite(x), $"'{name}' = {x}");
        return x;
    }

    /// <summary>The contract of cmr.json: cmr in [0, 1], an interval of two numbers, per-run fits, the CMR law.</summary>
    private static JsonElement AssertCmrJson(string path, int bootstrap)
    {
        var root = ReadJson(path);
        double cmr = Number(root, "cmr");
        Assert.InRange(cmr, 0, 1);
        Assert.Equal(20e9, Number(root, "target_tokens"));
        Assert.Equal("general", root.GetProperty("general_domain").GetString());
        Assert.Equal("finance", root.GetProperty("target_domain").GetString());
        Assert.Equal(0.05, Number(root.GetProperty("tolerance"), "absolute"));

        var interval = root.GetProperty("interval");
        Assert.Equal(JsonValueKind.Array, interval.ValueKind);
        Assert.Equal(2, interval.GetArrayLength());
        Assert.All(interval.EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
        double lo = interval[0].GetDouble(), hi = interval[1].GetDouble();
        Assert.True(0 <= lo && lo <= hi && hi <= 1, $"interval [{lo}, {hi}]");

        var runs = root.GetProperty("runs");
        Assert.Equal(5, runs.GetArrayLength());
        foreach (var run in runs.EnumerateArray())
        {
            Assert.InRange(Number(run, "ratio"), 0, 1);
            var general = run.GetProperty("general_fit");
            foreach (var p in new[] { "alpha2", "s2", "alpha3", "s3", "beta2", "r2" }) Number(general, p);
            var domain = run.GetProperty("domain_fit");
            foreach (var p in new[] { "alpha1", "s1", "beta1", "r2" }) Number(domain, p);
            Assert.True(Number(domain, "r2") > 0.99, "the sample's domain curves are smooth power laws");
        }
        Assert.Equal([0.125, 0.25, 0.333333, 0.5, 0.75], runs.EnumerateArray().Select(r => Math.Round(r.GetProperty("ratio").GetDouble(), 6)).ToArray());

        var law = root.GetProperty("cmr_law");
        Assert.Equal(JsonValueKind.Object, law.ValueKind);
        foreach (var p in new[] { "alpha4", "s4", "beta3" }) Number(law, p);

        var methods = root.GetProperty("comparisons").EnumerateArray().Select(c => c.GetProperty("method").GetString()!).ToArray();
        Assert.Equal(["dcpt", "mixing"], methods);
        Assert.Equal(bootstrap, root.GetProperty("bootstrap").GetProperty("samples").GetInt32());
        return root;
    }

    [Fact]
    public void Issue_example_writes_cmr_json_and_four_plots()
    {
        using var tmp = new TempDir();
        var r = Run([.. IssueExample, "--bootstrap", "100", "--out", tmp.Path]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var root = AssertCmrJson(tmp["cmr.json"], 100);
        // The generating law of the sample (samples/generate.py) puts the CMR at 20B tokens at 0.514.
        Assert.InRange(root.GetProperty("cmr").GetDouble(), 0.494, 0.534);
        foreach (var png in Plots) AssertPng(tmp[png]);
        Assert.Contains("CMR", r.Stdout);
    }

    [Fact]
    public void Issue_example_with_default_settings_writes_cmr_json()
    {
        using var tmp = new TempDir();
        var r = Run([.. IssueExample, "--out", tmp.Path]);
        Assert.True(r.ExitCode == 0, r.ToString());
        AssertCmrJson(tmp["cmr.json"], 200);
        foreach (var png in Plots) AssertPng(tmp[png]);
    }

    [Fact]
    public void Json_flag_prints_the_same_cmr_as_cmr_json()
    {
        using var tmp = new TempDir();
        var r = Run([.. IssueExample, "--bootstrap", "20", "--no-plots", "--json", "--out", tmp.Path]);
        Assert.True(r.ExitCode == 0, r.ToString());
        JsonElement printed;
        try
        {
            using var doc = JsonDocument.Parse(r.Stdout); // the whole of stdout, nothing else on it
            printed = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not one JSON document: {e.Message}\n{r}");
            return;
        }
        var written = AssertCmrJson(tmp["cmr.json"], 20);
        Assert.Equal(written.GetProperty("cmr").GetDouble(), printed.GetProperty("cmr").GetDouble());
        Assert.Equal(written.GetProperty("interval")[0].GetDouble(), printed.GetProperty("interval")[0].GetDouble());
        Assert.All(Plots, png => Assert.False(File.Exists(tmp[png]), $"--no-plots wrote {png}"));
    }

    [Fact]
    public void Cmr_help_shows_the_issue_example_and_exits_0()
    {
        var r = Run("cmr", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(r.StderrLines);
        Assert.Contains("EXAMPLES", r.Stdout, StringComparison.OrdinalIgnoreCase);
        string flat = Regex.Replace(r.Stdout, @"\s+", " "); // the example may wrap at the console width
        Assert.Contains("mixlab cmr samples/runs/cpt-runs.csv --general-domain general --target-domain finance --epsilon 0.05 --target-tokens 20e9 --out", flat);
        foreach (var option in new[] { "--general-domain", "--target-domain", "--epsilon", "--target-tokens", "--out", "--bootstrap", "--base-general-loss", "--base-domain-loss", "--lambda", "--json" })
            Assert.Contains(option, r.Stdout);
    }

    [Fact]
    public void Missing_target_domain_exits_2()
    {
        using var tmp = new TempDir();
        var r = Run("cmr", CptRuns, "--target-tokens", "20e9", "--out", tmp.Path);
        AssertBadInput(r, "--target-domain");
        Assert.False(File.Exists(tmp["cmr.json"]));
    }
}
