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
        var fit = ElLawFitter.Fit(table, s.Law, cancel);
        var json = MoeReportJson.Fit(fit, Path.GetFullPath(s.Runs));
        string outDir = s.Out ?? Path.Combine("out", "moe-fit");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "el-fit.json"), json + "\n");
        if (!s.NoPlots) MoePlots.RefitAgreement(fit, Path.Combine(outDir, "el-refit.png"));
        if (s.Json) { Console.Out.WriteLine(json); return fit.Converged ? ExitCodes.Success : ExitCodes.Failure; }

        AnsiConsole.MarkupLine($"dense curve: L = {fit.Dense.Alpha:G4} C^-{fit.Dense.Beta:G4} (R² {fit.Dense.RSquared:G4}); {fit.Points.Count} MoE runs");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("coefficient").AddColumn("refit").AddColumn("paper");
        var p = EfficiencyLeverageLaw.Paper;
        t.AddRow("a", $"{fit.Fitted.A:G4}", $"{p.A:G4}");
        t.AddRow("d", $"{fit.Fitted.D:G4}", $"{p.D:G4}");
        t.AddRow("gamma", $"{fit.Fitted.Gamma:G4}", $"{p.Gamma:G4}");
        t.AddRow("beta", $"{fit.Fitted.Beta:G4}", $"{p.Beta:G4}");
        t.AddRow("A_start", $"{fit.Fitted.AStart:G4}", $"{p.AStart:G4}");
        t.AddRow("optimal G", $"{fit.Fitted.OptimalGranularity:G4}", $"{p.OptimalGranularity:G4}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"R² on log EL: {fit.RSquaredLogEl:G4}; {(fit.Converged ? "[green]converged[/]" : "[red]did not converge[/]")}");
        foreach (var w in fit.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
        return fit.Converged ? ExitCodes.Success : ExitCodes.Failure;
    }
}
