using System.Text.Json;
using static MixLab.Cli.Tests.FileChecks;
using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>One MLE fit of Epoch AI's published Chinchilla data (bootstrap 300 to keep it fast), shared by the tests below.</summary>
public sealed class EpochFitFixture : IDisposable
{
    public EpochFitFixture()
    {
        Out = new TempDir();
        Result = Run("fit", EpochData, "--law", "chinchilla", "--estimator", "mle",
            "--map", "params=Model Size", "--map", "flops=Training FLOP", "--drop-highest-loss", "5",
            "--bootstrap", "300", "--out", Out.Path);
    }

    public TempDir Out { get; }
    public MixlabResult Result { get; }

    public JsonElement FitJson()
    {
        Assert.True(Result.ExitCode == 0, Result.ToString());
        return ReadJson(Out["fit.json"]);
    }

    public void Dispose() => Out.Dispose();
}

/// <summary>
/// The issue's headline example on Epoch AI's data: fit.json with estimates, standard errors and intervals that
/// reproduce Epoch's MLE, plus the PNG plots and residuals.csv beside it.
/// </summary>
public class EpochChinchillaTests(EpochFitFixture fixture) : IClassFixture<EpochFitFixture>
{
    [Fact]
    public void Published_data_is_present_beside_the_repository()
    {
        Assert.True(File.Exists(EpochData), $"expected Epoch AI's data at {EpochData} (../shared/data beside the repository)");
    }

    [Fact]
    public void Fit_succeeds()
    {
        Assert.True(fixture.Result.ExitCode == 0, fixture.Result.ToString());
        Assert.DoesNotContain("   at ", fixture.Result.Stderr);
    }

    [Fact]
    public void Fit_json_reproduces_Epochs_MLE_estimates()
    {
        var fit = fixture.FitJson();
        Assert.Equal("chinchilla", fit.GetProperty("law").GetString());
        Assert.Equal("mle", fit.GetProperty("estimator").GetString());
        Assert.True(fit.GetProperty("converged").GetBoolean());
        double e = Estimate(fit, "E"), a = Estimate(fit, "A"), b = Estimate(fit, "B");
        double alpha = Estimate(fit, "alpha"), beta = Estimate(fit, "beta");
        Assert.InRange(e, 1.8172 - 0.002, 1.8172 + 0.002);
        Assert.InRange(alpha, 0.3478 - 0.002, 0.3478 + 0.002);
        Assert.InRange(beta, 0.3658 - 0.002, 0.3658 + 0.002);
        Assert.InRange(a / 482.01, 0.98, 1.02);
        Assert.InRange(b / 2085.43, 0.95, 1.05);
    }

    [Fact]
    public void Every_parameter_has_estimate_se_and_a_two_number_interval_around_it()
    {
        var fit = fixture.FitJson();
        foreach (var name in ChinchillaParameters)
        {
            var (est, _, lo, hi) = AssertFullEstimate(fit, name);
            Assert.InRange(est, lo, hi);
        }
        Assert.Equal(300, fit.GetProperty("protocol").GetProperty("bootstrap_samples").GetInt32());
    }

    [Fact]
    public void Fit_json_records_the_input_rows_the_drop_and_the_column_map()
    {
        var fit = fixture.FitJson();
        var input = fit.GetProperty("input");
        Assert.Equal(245, input.GetProperty("rows_read").GetInt32());
        Assert.Equal(5, input.GetProperty("rows_dropped").GetInt32());
        Assert.Equal("Model Size", input.GetProperty("column_map").GetProperty("params").GetString());
        Assert.Equal("Training FLOP", input.GetProperty("column_map").GetProperty("flops").GetString());
        Assert.Equal(240, fit.GetProperty("metrics").GetProperty("rows_fitted").GetInt32());
        Assert.Equal(240, fit.GetProperty("residuals").GetArrayLength());
    }

    [Fact]
    public void Plots_are_PNG_files_beside_fit_json()
    {
        var names = new[] { "observed-vs-fitted.png", "residuals.png" }.Concat(ChinchillaParameters.Select(p => $"bootstrap-{p}.png"));
        foreach (var name in names)
        {
            var (w, h) = AssertPng(fixture.Out[name]);
            Assert.Equal((800, 600), (w, h));
        }
        Assert.True(Directory.GetFiles(fixture.Out.Path, "bootstrap-*.png").Length >= 5);
    }

    [Fact]
    public void Residuals_csv_has_one_row_per_fitted_row()
    {
        Assert.True(fixture.Result.ExitCode == 0, fixture.Result.ToString());
        var rows = ReadSimpleCsv(fixture.Out["residuals.csv"]);
        Assert.Equal(240, rows.Count);
        foreach (var column in new[] { "line", "observed", "predicted", "residual", "held_out" })
            Assert.True(rows[0].ContainsKey(column), $"residuals.csv has no column {column}");
        Assert.All(rows, r => Assert.Equal("false", r["held_out"]));
        Assert.All(rows, r => Assert.True(double.Parse(r["predicted"], System.Globalization.CultureInfo.InvariantCulture) > 0));
        // line numbers point into the source file (header = line 1, 245 data rows)
        Assert.All(rows, r => Assert.InRange(int.Parse(r["line"]), 2, 246));
    }

    [Fact]
    public void The_example_as_written_in_the_issue_works_with_the_default_bootstrap()
    {
        // Exactly the documented command (default 4,000 bootstrap resamples), only --out pointed at a temp folder.
        using var tmp = new TempDir();
        var r = Run("fit", "../shared/data/epoch_chinchilla_svg_extracted_data.csv", "--law", "chinchilla", "--estimator", "mle",
            "--map", "params=Model Size", "--map", "flops=Training FLOP", "--drop-highest-loss", "5", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var fit = ReadJson(tmp["fit.json"]);
        Assert.Equal(4000, fit.GetProperty("protocol").GetProperty("bootstrap_samples").GetInt32());
        Assert.InRange(Estimate(fit, "E"), 1.8172 - 0.002, 1.8172 + 0.002);
        Assert.InRange(Estimate(fit, "alpha"), 0.3478 - 0.002, 0.3478 + 0.002);
        Assert.InRange(Estimate(fit, "beta"), 0.3658 - 0.002, 0.3658 + 0.002);
        Assert.InRange(Estimate(fit, "A") / 482.01, 0.98, 1.02);
        Assert.InRange(Estimate(fit, "B") / 2085.43, 0.95, 1.05);
        foreach (var name in ChinchillaParameters) AssertFullEstimate(fit, name);
        AssertPng(tmp["observed-vs-fitted.png"]);
        Assert.Equal(240, ReadSimpleCsv(tmp["residuals.csv"]).Count);
        // the console summary names the parameters
        Assert.Contains("alpha", r.Stdout);
    }
}
