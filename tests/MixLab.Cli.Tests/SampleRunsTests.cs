using System.Globalization;
using System.Text.Json;
using static MixLab.Cli.Tests.FileChecks;
using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary><c>mixlab fit</c> on the bundled sample of Chinchilla-style runs (MixLab's own run-log format).</summary>
public class ChinchillaSampleTests
{
    // The sample is synthetic, drawn from Epoch's estimate with 1 % noise (samples/generate.py).
    private static readonly Dictionary<string, double> Truth = new()
    {
        ["E"] = 1.8172, ["A"] = 482.01, ["B"] = 2085.43, ["alpha"] = 0.3478, ["beta"] = 0.3658,
    };

    [Fact]
    public void Fit_of_the_own_format_writes_fit_json_residuals_and_plots()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--bootstrap", "300", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var fit = ReadJson(tmp["fit.json"]);
        Assert.Equal("chinchilla", fit.GetProperty("law").GetString());
        Assert.Equal("huber", fit.GetProperty("estimator").GetString());
        Assert.Equal(48, fit.GetProperty("input").GetProperty("rows_read").GetInt32());
        foreach (var name in ChinchillaParameters) AssertFullEstimate(fit, name);
        // the fit finds the right neighbourhood of the generating law
        Assert.InRange(Estimate(fit, "E"), 1.6, 2.0);
        Assert.InRange(Estimate(fit, "alpha"), 0.25, 0.45);
        Assert.InRange(Estimate(fit, "beta"), 0.25, 0.45);
        Assert.Equal(48, ReadSimpleCsv(tmp["residuals.csv"]).Count);
        AssertPng(tmp["observed-vs-fitted.png"]);
        AssertPng(tmp["residuals.png"]);
        foreach (var name in ChinchillaParameters) AssertPng(tmp[$"bootstrap-{name}.png"]);
        Assert.Contains("alpha", r.Stdout); // the console table
    }

    [Fact]
    public void Json_flag_prints_valid_json_with_the_same_estimates_as_fit_json()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--bootstrap", "300", "--json", "--out", tmp.Path);
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
        var written = ReadJson(tmp["fit.json"]);
        foreach (var name in ChinchillaParameters)
        {
            var p = Parameter(printed, name);
            var q = Parameter(written, name);
            Assert.Equal(q.GetProperty("estimate").GetDouble(), p.GetProperty("estimate").GetDouble());
            Assert.Equal(q.GetProperty("se").GetDouble(), p.GetProperty("se").GetDouble());
            Assert.Equal(q.GetProperty("ci")[0].GetDouble(), p.GetProperty("ci")[0].GetDouble());
            Assert.Equal(q.GetProperty("ci")[1].GetDouble(), p.GetProperty("ci")[1].GetDouble());
        }
        Assert.Equal(written.GetRawText(), printed.GetRawText());
    }

    [Fact]
    public void Holdout_largest_1_scores_the_largest_run_and_marks_it_held_out()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--holdout", "largest:1", "--bootstrap", "100", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var fit = ReadJson(tmp["fit.json"]);
        var metrics = fit.GetProperty("metrics");
        Assert.Equal(47, metrics.GetProperty("rows_fitted").GetInt32());
        Assert.Equal(1, metrics.GetProperty("rows_held_out").GetInt32());
        Assert.Equal(JsonValueKind.Number, metrics.GetProperty("held_out_mae").ValueKind);
        Assert.InRange(metrics.GetProperty("held_out_mae").GetDouble(), 1e-9, 0.2);
        // R² is written; with one held-out row it is undefined, hence null
        Assert.True(metrics.TryGetProperty("held_out_r2", out _), "metrics has no held_out_r2");
        Assert.Equal("largest:1", fit.GetProperty("protocol").GetProperty("holdout").GetString());

        // the held-out row is the largest run: 3.2B parameters on 256B tokens, the last line of the file
        var held = ReadSimpleCsv(tmp["residuals.csv"]).Where(x => x["held_out"] == "true").ToList();
        var row = Assert.Single(held);
        Assert.Equal("49", row["line"]);
        Assert.Equal(3.2e9, double.Parse(row["params"], CultureInfo.InvariantCulture));
        Assert.Equal(2.56e11, double.Parse(row["tokens"], CultureInfo.InvariantCulture));
        var jsonHeld = fit.GetProperty("residuals").EnumerateArray().Where(x => x.GetProperty("held_out").GetBoolean()).ToList();
        Assert.Equal(49, Assert.Single(jsonHeld).GetProperty("line").GetInt32());
    }

    [Fact]
    public void Holdout_of_several_rows_writes_a_held_out_r2()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--holdout", "largest:3", "--bootstrap", "0", "--no-plots", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var metrics = ReadJson(tmp["fit.json"]).GetProperty("metrics");
        int held = metrics.GetProperty("rows_held_out").GetInt32();
        Assert.InRange(held, 3, 47);
        Assert.Equal(JsonValueKind.Number, metrics.GetProperty("held_out_mae").ValueKind);
        Assert.Equal(JsonValueKind.Number, metrics.GetProperty("held_out_r2").ValueKind);
        Assert.Equal(held, ReadSimpleCsv(tmp["residuals.csv"]).Count(x => x["held_out"] == "true"));
    }

    [Fact]
    public void Estimates_land_near_the_law_that_generated_the_sample()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--bootstrap", "0", "--no-plots", "--json", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var fit = ReadJson(tmp["fit.json"]);
        // 1 % noise on 48 rows: loose bounds, but a swapped or mis-scaled parameter would miss them
        Assert.InRange(Estimate(fit, "E"), Truth["E"] - 0.2, Truth["E"] + 0.2);
        Assert.InRange(Estimate(fit, "alpha"), Truth["alpha"] - 0.08, Truth["alpha"] + 0.08);
        Assert.InRange(Estimate(fit, "beta"), Truth["beta"] - 0.08, Truth["beta"] + 0.08);
    }
}

/// <summary><c>mixlab fit --law mixing --optimize</c> on the bundled three-domain mixing sample.</summary>
public class MixingSampleTests
{
    [Fact]
    public void Optimize_with_bounds_writes_a_mixture_on_the_simplex_that_respects_the_bound()
    {
        using var tmp = new TempDir();
        var r = Run("fit", MixingRuns, "--law", "mixing", "--optimize", "--bounds", "code=0:0.3", "--bootstrap", "300", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var mixture = ReadJson(tmp["mixture.json"]);
        var shares = mixture.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["books", "code", "web"], shares.Keys.Order().ToArray());
        Assert.Equal(1.0, shares.Values.Sum(), 1e-9);
        Assert.All(shares.Values, v => Assert.InRange(v, 0.0, 1.0));
        Assert.True(shares["code"] <= 0.3 + 1e-9, $"code share {shares["code"]} exceeds its bound 0.3");

        var fit = ReadJson(tmp["fit.json"]);
        Assert.Equal("mixing", fit.GetProperty("law").GetString());
        Assert.Equal(3, fit.GetProperty("groups").GetArrayLength());
        var optimum = fit.GetProperty("optimum").GetProperty("mixture");
        foreach (var (domain, share) in shares)
            Assert.Equal(share, optimum.GetProperty(domain).GetDouble(), 12);
        Assert.Equal(96, ReadSimpleCsv(tmp["residuals.csv"]).Count);
        AssertPng(tmp["observed-vs-fitted.png"]);
    }

    [Theory]
    // samples/generate.py: L_i = c_i + k_i exp(sum_j t_ij r_j) with t over (web, code, books) and 0.003 noise. With the
    // last domain pinned (t_books = 0), k_i absorbs exp(t_i,books) and t_ij becomes t_ij - t_i,books.
    [InlineData("web", 2.10, 0.55, -1.6, -0.2, -0.5)]
    [InlineData("code", 0.95, 0.80, -0.1, -2.8, 0.1)]
    [InlineData("books", 2.30, 0.45, -0.6, 0.0, -1.9)]
    public void Each_domain_recovers_the_law_that_generated_the_sample(string domain, double c, double k, double tWeb, double tCode, double tBooks)
    {
        using var tmp = new TempDir();
        var r = Run("fit", MixingRuns, "--law", "mixing", "--bootstrap", "0", "--no-plots", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var group = ReadJson(tmp["fit.json"]).GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == domain);
        Assert.True(group.GetProperty("converged").GetBoolean(), group.GetRawText());
        double Est(string name) => group.GetProperty("parameters").GetProperty(name).GetProperty("estimate").GetDouble();
        Assert.InRange(Est("c"), c - 0.03, c + 0.03);
        Assert.InRange(Est("k") / (k * Math.Exp(tBooks)), 0.9, 1.1);
        Assert.InRange(Est("t_web"), tWeb - tBooks - 0.1, tWeb - tBooks + 0.1);
        Assert.InRange(Est("t_code"), tCode - tBooks - 0.1, tCode - tBooks + 0.1);
    }

    [Fact]
    public void Without_bounds_the_optimum_is_still_a_mixture()
    {
        using var tmp = new TempDir();
        var r = Run("fit", MixingRuns, "--law", "mixing", "--optimize", "--bootstrap", "0", "--no-plots", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var shares = ReadJson(tmp["mixture.json"]).EnumerateObject().Select(p => p.Value.GetDouble()).ToArray();
        Assert.Equal(3, shares.Length);
        Assert.Equal(1.0, shares.Sum(), 1e-9);
        Assert.All(shares, v => Assert.InRange(v, 0.0, 1.0));
    }
}

/// <summary>Same seed, same bytes; thread count does not change the numbers.</summary>
public class DeterminismTests
{
    private static (MixlabResult Run, string Text, JsonElement Json) FitTo(TempDir dir, params string[] more)
    {
        var r = Run(["fit", ChinchillaRuns, "--law", "chinchilla", "--bootstrap", "300", "--no-plots", "--out", dir.Path, .. more]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var text = File.ReadAllText(dir["fit.json"]);
        return (r, text, ReadJson(dir["fit.json"]));
    }

    [Fact]
    public void Two_runs_with_the_same_seed_write_byte_identical_fit_json()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var first = FitTo(a, "--seed", "7");
        var second = FitTo(b, "--seed", "7");
        Assert.Equal(WithoutPaths(first.Text), WithoutPaths(second.Text));
        Assert.Equal(File.ReadAllBytes(a["residuals.csv"]), File.ReadAllBytes(b["residuals.csv"]));
    }

    [Fact]
    public void One_thread_and_all_threads_give_the_same_estimates_and_intervals()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var many = FitTo(a, "--seed", "11");
        var one = FitTo(b, "--seed", "11", "--threads", "1");
        foreach (var name in ChinchillaParameters)
            Assert.Equal(Parameter(many.Json, name).GetRawText(), Parameter(one.Json, name).GetRawText());
        Assert.Equal(WithoutPaths(many.Text), WithoutPaths(one.Text));
    }

    [Fact]
    public void A_different_seed_changes_the_intervals_but_not_the_estimates()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var s1 = FitTo(a, "--seed", "1");
        var s2 = FitTo(b, "--seed", "2");
        Assert.Equal(1, s1.Json.GetProperty("protocol").GetProperty("seed").GetInt32());
        foreach (var name in ChinchillaParameters)
            Assert.Equal(Estimate(s1.Json, name), Estimate(s2.Json, name));
        Assert.Contains(ChinchillaParameters, name =>
            Parameter(s1.Json, name).GetProperty("ci").GetRawText() != Parameter(s2.Json, name).GetProperty("ci").GetRawText());
    }
}
