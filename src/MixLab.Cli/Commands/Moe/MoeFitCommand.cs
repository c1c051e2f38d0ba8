using MixLab.Planning.Moe;
using MixLab.Reporting;
using MixLab.RunLogs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands.Moe;

/// <summary><c>mixlab moe fit RUNS</c>: refits the EL law from a team's own dense and MoE runs.</summary>
public sealed class MoeFitCommand : Command<MoeFitSettings>
{
    internal const string Description = "Refits the EL law from your own dense and MoE runs (iso-loss dense compute from the dense loss-compute curve).";
    internal static readonly string[] Example = ["moe", "fit", "samples/runs/moe-runs.csv", "--out", "out/moe-fit"];

    /// <inheritdoc/>
    public override int Execute(CommandContext context, MoeFitSettings s, CancellationToken cancel)
    {
        var map = ColumnMapOption.Parse(s.Map);
        var table = RunLogReader.Read(s.Runs, map);
        var fit = ElLawFitter.Fit(table, s.Law, new ElFitOptions(s.Bootstrap, s.Seed, s.Ci, s.ValidateAbove, s.Threads), cancel);
        var json = MoeReportJson.Fit(fit, Path.GetFullPath(s.Runs));
        string outDir = s.Out ?? Path.Combine("out", "moe-fit");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "el-fit.json"), json + "\n");
        if (!s.NoPlots) MoePlots.RefitAgreement(fit, Path.Combine(outDir, "el-refit.png"));
        if (s.Json) { Console.Out.WriteLine(json); return fit.Converged ? ExitCodes.Success : ExitCodes.Failure; }

        AnsiConsole.MarkupLine($"dense curve: L = {fit.Dense.Alpha:G4} C^-{fit.Dense.Beta:G4} (R² {fit.Dense.RSquared:G4}); {fit.Points.Count} MoE runs");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("coefficient").AddColumn("refit").AddColumn("SE").AddColumn($"{s.Ci:P0} interval").AddColumn("paper");
        var p = EfficiencyLeverageLaw.Paper;
        double[] paper = [p.A, p.D, p.Gamma, p.Beta, p.AStart, p.OptimalGranularity];
        foreach (var (c, k) in fit.Coefficients.Select((c, k) => (c, k)))
            t.AddRow(c.Name, $"{c.Estimate:G4}", c.StandardError is double se ? $"{se:G3}" : "-",
                c.Interval is { Length: 2 } ci ? $"{ci[0]:G4} – {ci[1]:G4}" : "-", $"{paper[k]:G4}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"R² on log EL: {fit.RSquaredLogEl:G4}; {(fit.Converged ? "[green]converged[/]" : "[red]did not converge[/]")}");
        if (fit.HeldOutRelativeError is double held)
            AnsiConsole.MarkupLine($"held out {fit.HeldOut.Count(h => h)} runs with EL ≥ {s.ValidateAbove:G3}: mean relative error of the predicted EL {held:P1}");
        foreach (var w in fit.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
        return fit.Converged ? ExitCodes.Success : ExitCodes.Failure;
    }
}
