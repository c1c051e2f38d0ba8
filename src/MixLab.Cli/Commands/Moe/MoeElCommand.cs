using MixLab.Planning.Moe;
using MixLab.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands.Moe;

/// <summary><c>mixlab moe el</c>: the Efficiency Leverage of an MoE design at a compute budget, with its arithmetic.</summary>
public sealed class MoeElCommand : Command<MoeElSettings>
{
    internal const string Description = "Efficiency Leverage of an MoE design at a compute (Tian et al. 2025, Eq. 13), with the dense-equivalent compute.";
    internal static readonly string[] Example = ["moe", "el", "--activation-ratio", "0.031", "--granularity", "12", "--compute", "1e22", "--json"];

    /// <inheritdoc/>
    public override int Execute(CommandContext context, MoeElSettings s, CancellationToken cancel)
    {
        double a, g;
        string reading = "given";
        string label = "design";
        if (s.Config is not null)
        {
            var config = MoeConfigJson.Read(s.Config);
            if (!config.IsMoe) throw new UserInputException($"{s.Config}: a dense config has no efficiency leverage over dense (EL = 1 by definition)");
            var r = MoeRatios.Of(config);
            reading = s.ActivationReading;
            a = s.ActivationRatio ?? (reading switch { "stated" => r.ActivationStated, "with-shared" => r.ActivationWithShared, _ => r.ActivationRouted });
            g = s.Granularity ?? r.Granularity;
            label = config.Name;
        }
        else { a = s.ActivationRatio!.Value; g = s.Granularity!.Value; }
        double compute = s.Compute!.Value;
        var law = s.Law;
        var warnings = new List<string>();
        double decades = EfficiencyLeverageLaw.DecadesOutsideFittedRange(compute);
        if (decades > 0) warnings.Add($"compute {compute:G3} is {decades:F1} decades outside the range the law was fitted on ({EfficiencyLeverageLaw.FittedComputeRange.Low:G2} to {EfficiencyLeverageLaw.FittedComputeRange.High:G2} FLOPs)");
        if (a < 2.0 / 256) warnings.Add($"activation ratio {a:P2} is below the smallest the paper tested (0.78 %)");
        if (g is < 2 or > 16) warnings.Add($"granularity {g:G3} is outside the tested range 2 to 16");

        if (s.Out is not null && !s.NoPlots)
        {
            Directory.CreateDirectory(s.Out);
            MoePlots.Heatmap(law, compute, [(label, a, g)], Path.Combine(s.Out, "el-heatmap.png"));
            MoePlots.OverCompute(law, [(label, a, g)], compute, Path.Combine(s.Out, "el-vs-compute.png"));
        }
        var json = MoeReportJson.El(law, a, g, compute, reading, warnings);
        if (s.Out is not null) { Directory.CreateDirectory(s.Out); File.WriteAllText(Path.Combine(s.Out, "el.json"), json + "\n"); }
        if (s.Json) { Console.Out.WriteLine(json); return ExitCodes.Success; }

        double el = law.At(a, g, compute);
        AnsiConsole.MarkupLine($"[bold]EL = {el:G4}[/] at A = {a:P2}, G = {g:G4}, C = {compute:G3} FLOPs: the same loss as a dense model with {el * compute:G3} FLOPs");
        AnsiConsole.MarkupLine($"Â = {law.SaturatedActivation(a):G5}, exponent = {law.Exponent(g, compute):G5} (log{law.ComputeLogBase:G3} C, log{law.GranularityLogBase:G3} G); optimal G = {law.OptimalGranularity:G4}");
        AnsiConsole.MarkupLine($"HP law: learning rate {HyperParameterLaws.LearningRate(compute):G3}, batch {HyperParameterLaws.BatchTokens(compute):G3} tokens");
        foreach (var w in warnings) AnsiConsole.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
        return ExitCodes.Success;
    }
}
