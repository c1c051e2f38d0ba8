using MixLab.Planning.Moe;
using MixLab.RunLogs;
using Xunit.Abstractions;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// Refitting the EL law from samples/runs/moe-runs.csv (samples/generate.py: dense curve 27·C^−0.05, MoE losses from the
/// paper's law with 0.1 % log-normal noise; header on line 1, 6 dense runs on lines 2–7, 45 MoE runs on lines 8–52).
/// </summary>
public sealed class ElLawFitterTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly Lazy<ElFitResult> SampleFit = new(() => ElLawFitter.Fit(RunLogReader.Read(RunsCsv), EfficiencyLeverageLaw.Paper));

    private static string[] Lines() => File.ReadAllLines(RunsCsv);

    private string Write(string name, IEnumerable<string> lines) => _dir.Write(name, string.Join('\n', lines) + "\n");

    [Fact]
    public void Sample_refit_recovers_the_paper_law_roughly()
    {
        var fit = SampleFit.Value;
        var f = fit.Fitted;
        output.WriteLine($"a {f.A} d {f.D} gamma {f.Gamma} beta {f.Beta} A_start {f.AStart} G* {f.OptimalGranularity} R² {fit.RSquaredLogEl}");
        Assert.True(fit.Converged);
        Assert.False(fit.Degenerate, string.Join("; ", fit.Warnings));
        Abs(1.23, f.A, 0.1, "a");
        Abs(-0.0761, f.D, 0.01, "d");
        double ratio = f.OptimalGranularity / 11.34;
        Assert.True(ratio is > 1 / 1.6 and < 1.6, $"refit G* = {f.OptimalGranularity:G4}, paper 11.34");
        Assert.True(fit.RSquaredLogEl > 0.99, $"R² on log EL {fit.RSquaredLogEl}");
        // The template's bases and A_max are kept.
        Assert.Equal(10, f.ComputeLogBase);
        Assert.Equal(2, f.GranularityLogBase);
        Assert.Equal(5.28e16, f.AMax);
        // The refit predicts the generating law's headline to within 10 %.
        Rel(EfficiencyLeverageLaw.Paper.At(0.031, 12, 1e20), f.At(0.031, 12, 1e20), 0.10, "refit EL(0.031, 12, 1e20)");
    }

    [Fact]
    public void Sample_dense_curve_is_27_C_to_the_minus_0_05()
    {
        var dense = SampleFit.Value.Dense;
        Abs(0.05, dense.Beta, 0.002, "beta");
        Rel(27, dense.Alpha, 0.05, "alpha");
        Assert.True(dense.RSquared > 0.999);
        Rel(1e20, dense.ComputeFor(dense.Loss(1e20)), 1e-9, "iso-loss compute inverts the curve");
    }

    [Fact]
    public void Sample_points_carry_the_generating_law_EL()
    {
        var fit = SampleFit.Value;
        Assert.Equal(45, fit.Points.Count);
        var law = EfficiencyLeverageLaw.Paper;
        foreach (var p in fit.Points)
        {
            Assert.InRange(p.Line, 8, 52);
            Assert.StartsWith("moe-", p.Run);
            Rel(p.DenseCompute / p.Compute, p.El, 1e-12, p.Run);
            // 0.1 % loss noise on a curve with exponent 0.05 moves the iso-loss compute by about 2 %.
            Rel(law.At(p.Activation, p.Granularity, p.Compute), p.El, 0.10, $"{p.Run}: EL");
        }
        Assert.Contains(fit.Points, p => p.Run == "moe-E64-a2-G12-1e+20" && p.Activation == 2.0 / 64 && p.Granularity == 12);
    }

    [Fact]
    public void Activation_ratio_column_gives_the_same_points_as_active_experts()
    {
        var lines = Lines();
        var converted = new List<string> { "run,flops,loss,experts,activation_ratio,granularity" };
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            if (cells[4].Length > 0) cells[4] = (double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture) / double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            converted.Add(string.Join(',', cells));
        }
        var fit = ElLawFitter.Fit(RunLogReader.Read(Write("ratio.csv", converted)), EfficiencyLeverageLaw.Paper);
        var reference = SampleFit.Value;
        Assert.Equal(reference.Points.Count, fit.Points.Count);
        for (int i = 0; i < fit.Points.Count; i++)
        {
            Rel(reference.Points[i].Activation, fit.Points[i].Activation, 1e-12, "A");
            Rel(reference.Points[i].El, fit.Points[i].El, 1e-12, "EL");
        }
    }

    private RunLogException FitFails(string path)
    {
        var e = Assert.Throws<RunLogException>(() => ElLawFitter.Fit(RunLogReader.Read(path), EfficiencyLeverageLaw.Paper));
        output.WriteLine(e.Message);
        Assert.Equal(path, e.File);
        Assert.StartsWith(path, e.Message);
        return e;
    }

    [Fact]
    public void Fewer_than_6_MoE_runs_is_an_error_naming_the_experts_column()
    {
        var lines = Lines();
        var five = lines.Where(l => !l.StartsWith("moe-")).Concat(lines.Where(l => l.StartsWith("moe-")).Take(5));
        var e = FitFails(Write("five.csv", five));
        Assert.Equal("experts", e.Column);
        Assert.Contains("'experts'", e.Message);
        Assert.Contains("5 MoE runs", e.Message);
        Assert.Contains("6", e.Message);

        // Exactly 6 is enough.
        var six = lines.Where(l => !l.StartsWith("moe-")).Concat(lines.Where(l => l.StartsWith("moe-")).Where((_, i) => i % 7 == 0).Take(6));
        var ok = ElLawFitter.Fit(RunLogReader.Read(Write("six.csv", six)), EfficiencyLeverageLaw.Paper);
        Assert.Equal(6, ok.Points.Count);
    }

    [Fact]
    public void Fewer_than_3_dense_runs_is_an_error_naming_the_experts_column()
    {
        var lines = Lines();
        var two = lines.Take(3).Concat(lines.Where(l => l.StartsWith("moe-")));
        var e = FitFails(Write("two-dense.csv", two));
        Assert.Equal("experts", e.Column);
        Assert.Contains("2 dense runs", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Missing_granularity_column_is_an_error()
    {
        var lines = Lines().Select(l => string.Join(',', l.Split(',')[..5]));
        var e = FitFails(Write("no-g.csv", lines));
        Assert.Equal("granularity", e.Column);
        Assert.Contains("granularity", e.Message);
    }

    [Fact]
    public void Missing_activation_columns_is_an_error()
    {
        var lines = Lines().Select(l => { var c = l.Split(','); return string.Join(',', c[..4].Append(c[5])); });
        var e = FitFails(Write("no-a.csv", lines));
        Assert.Contains("activation_ratio", e.Message);
        Assert.Contains("active_experts", e.Message);
    }

    [Fact]
    public void Bad_granularity_cell_names_its_line()
    {
        var lines = Lines();
        lines[9] = string.Join(',', lines[9].Split(',')[..5].Append("-2"));   // line 10, an MoE run
        var e = FitFails(Write("bad-g.csv", lines));
        Assert.Equal(10, e.Line);
        Assert.Equal("granularity", e.Column);
    }

    [Fact]
    public void Active_experts_above_experts_names_its_line()
    {
        var lines = Lines();
        var cells = lines[11].Split(',');   // line 12, an MoE run
        cells[4] = (int.Parse(cells[3]) + 1).ToString();
        lines[11] = string.Join(',', cells);
        var e = FitFails(Write("bad-a.csv", lines));
        Assert.Equal(12, e.Line);
        Assert.Equal("active_experts", e.Column);
    }

    [Fact]
    public void Dense_runs_whose_loss_rises_with_compute_are_an_error()
    {
        var lines = Lines();
        // Reverse the dense losses so the dense curve rises with compute.
        var denseLosses = lines.Skip(1).Take(6).Select(l => l.Split(',')[2]).Reverse().ToArray();
        for (int i = 0; i < 6; i++)
        {
            var c = lines[i + 1].Split(',');
            c[2] = denseLosses[i];
            lines[i + 1] = string.Join(',', c);
        }
        var e = FitFails(Write("rising.csv", lines));
        Assert.Equal("loss", e.Column);
    }

    [Fact]
    public void A_single_granularity_cannot_identify_the_G_terms_and_is_flagged()
    {
        // With every MoE run at G = 2 (log₂ G = 1), a, γ and β multiply the same column: the refit must say so.
        var lines = Lines();
        var oneG = lines.Where(l => !l.StartsWith("moe-") || l.Split(',')[5] == "2");
        var fit = ElLawFitter.Fit(RunLogReader.Read(Write("one-g.csv", oneG)), EfficiencyLeverageLaw.Paper);
        output.WriteLine(string.Join("\n", fit.Warnings));
        Assert.Equal(15, fit.Points.Count);
        Assert.True(fit.Degenerate);
        Assert.Contains(fit.Warnings, w => w.Contains("degenerate"));
    }
}
