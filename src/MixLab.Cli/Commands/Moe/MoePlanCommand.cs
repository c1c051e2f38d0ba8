using MixLab.Planning.Moe;
using MixLab.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands.Moe;

/// <summary><c>mixlab moe plan</c>: the MoE configs with the highest EL at a compute budget, with their hyper-parameters.</summary>
public sealed class MoePlanCommand : Command<MoePlanSettings>
{
    internal const string Description = "Searches experts, active experts, shared experts, granularity and layout for the highest EL at a compute budget.";
    internal static readonly string[] Example = ["moe", "plan", "--compute", "1e21", "--max-total-params", "20e9", "--out", "out/moe"];

    private static string Short(double v) => v.ToString("0.##e+0", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override int Execute(CommandContext context, MoePlanSettings s, CancellationToken cancel)
    {
        var plan = MoePlanner.Plan(new MoePlanOptions
        {
            Compute = s.Compute!.Value, MaxTotalParams = s.MaxTotalParams, MaxActiveParams = s.MaxActiveParams, MinActivation = s.MinActivation,
            Vocab = s.Vocab, Context = s.Context, Top = s.Top, Convention = s.FlopConvention, Law = s.Law,
        });
        var json = MoeReportJson.Plan(plan);
        string outDir = s.Out ?? Path.Combine("out", "moe");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "plan.json"), json + "\n");
        if (!s.NoPlots && plan.Candidates.Count > 0)
        {
            var marks = plan.Candidates.Take(3).Select((c, i) => ($"#{i + 1}", c.Ratios.ActivationRouted, c.Ratios.Granularity)).ToList();
            MoePlots.Heatmap(s.Law, s.Compute!.Value, marks, Path.Combine(outDir, "el-heatmap.png"));
            MoePlots.OverCompute(s.Law, marks, s.Compute, Path.Combine(outDir, "el-vs-compute.png"));
        }
        if (s.Json) { Console.Out.WriteLine(json); return plan.Candidates.Count > 0 ? ExitCodes.Success : ExitCodes.Failure; }

        AnsiConsole.MarkupLine($"compute {s.Compute:G3} FLOPs: MoE allocation law M* = {plan.Allocation.ModelScale:G3} FLOPs/token, D* = {plan.Allocation.Tokens:G3} tokens; {plan.Searched} configs searched");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("#").AddColumn("EL").AddColumn("E/Ea/Es").AddColumn("A").AddColumn("G").AddColumn("L x d").AddColumn("total").AddColumn("active")
            .AddColumn("tokens").AddColumn("lr").AddColumn("batch");
        int rank = 1;
        foreach (var c in plan.Candidates)
            table.AddRow($"{rank++}", $"{c.El:F2}", $"{c.Config.Experts}/{c.Config.ActiveExperts}/{c.Config.SharedExperts}", $"{100 * c.Ratios.ActivationRouted:0.##}%",
                $"{c.Ratios.Granularity:G3}", $"{c.Config.Layers}x{c.Config.DModel}{(c.Config.DenseLayers > 0 ? "+" : "")}",
                MoeInspectCommand.Count(c.Counts.Total), MoeInspectCommand.Count(c.Counts.Active), Short(c.Tokens), Short(c.LearningRate), Short(c.BatchTokens));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("L x d: layers x d_model, + when the first layer is dense; d_expert = 2 d_model / G; tokens = C / M; lr and batch (tokens) from the MoE HP law");
        foreach (var w in plan.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(Path.Combine(outDir, "plan.json"))}");
        return plan.Candidates.Count > 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
