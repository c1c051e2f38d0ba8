using System.Globalization;
using MixLab.Laws;
using MixLab.Multiplicity;
using MixLab.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>
/// <c>mixlab multiplicity</c>: among all logistic-regression models almost as good as the best, how far could each row's
/// predicted probability move (<see cref="MultiplicityAnalysis"/>)? Writes ranges.csv, summary.json and plots.
/// </summary>
public sealed class MultiplicityCommand : AsyncCommand<MultiplicitySettings>
{
    internal const string Description = "Predictive multiplicity of a probabilistic classifier: each row's exact range of predictions over near-optimal models.";

    internal static readonly string[][] Examples =
    [
        ["multiplicity", "../shared/data/breast_cancer_wisconsin.csv", "--target", "benign", "--epsilon", "0.01", "--lambda", "0", "--standardize", "--features", "mean_radius,mean_texture,mean_perimeter,mean_area,mean_smoothness,mean_compactness,mean_concavity,mean_concave_points,mean_symmetry,mean_fractal_dimension", "--out", "out/multiplicity"],
        ["multiplicity", "../shared/data/pima_indians_diabetes.csv", "--target", "diabetes", "--positive", "pos", "--epsilon", "0.001,0.01", "--lambda", "0.01", "--standardize", "--out", "out/pima"],
    ];

    /// <inheritdoc/>
    public override async Task<int> ExecuteAsync(CommandContext context, MultiplicitySettings s, CancellationToken cancel)
    {
        var (data, info) = ClassificationCsvReader.Read(s.Data, new ClassificationCsvOptions
        {
            Target = s.Target!, Positive = s.Positive, Id = s.Id, Group = s.Group, Standardize = s.Standardize,
            Features = s.Features?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        });
        var options = new MultiplicityOptions
        {
            Lambda = s.Lambda, Epsilons = s.EpsilonValues, RelativeEpsilon = s.Relative, Delta = s.Delta, Threshold = s.Threshold, Threads = s.Threads,
        };
        MultiplicityResult result;
        try
        {
            result = await ProgressDisplay.RunAsync("multiplicity",
                progress => MultiplicityAnalysis.Run(data, options, cancel, new Progress<(int Done, int Total)>(p => progress.Report(new FitProgress("rows", "ranges", p.Done, p.Total)))),
                cancel);
        }
        catch (SeparableDataException e) { throw new UserInputException($"{s.Data}: {e.Message}"); }

        string outDir = s.Out ?? Path.Combine("out", "multiplicity");
        Directory.CreateDirectory(outDir);
        var written = new List<string> { MultiplicityOutputs.WriteRanges(result, data, Path.Combine(outDir, "ranges.csv")) };
        var summary = MultiplicityOutputs.Summary(result, data, info, Path.GetFullPath(s.Data), Program.Version);
        File.WriteAllText(Path.Combine(outDir, "summary.json"), summary + "\n");
        written.Add(Path.Combine(outDir, "summary.json"));
        if (!s.NoPlots) written.AddRange(MultiplicityPlots.WriteAll(result, data, outDir));

        if (s.Json) { Console.Out.WriteLine(summary); return result.Model.Converged ? ExitCodes.Success : ExitCodes.Failure; }
        Show(result, data, written);
        return result.Model.Converged ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void Show(MultiplicityResult r, LogisticData data, List<string> written)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"{data.Rows} rows, {data.Columns - 1} features; logistic regression (lambda {r.Options.Lambda.ToString("G4", inv)}): loss L0 = {r.Model.Loss.ToString("G8", inv)}, accuracy {r.Model.Accuracy.ToString("P1", inv)}, {(r.Model.Converged ? "converged" : "[red]not converged[/]")} in {r.Model.Iterations} Newton steps");
        var t = new Table().Border(TableBorder.Rounded)
            .AddColumn("epsilon").AddColumn("mean width").AddColumn("median").AddColumn("max").AddColumn("width ≥ 0.1")
            .AddColumn($"ambiguity δ={r.Options.Delta.ToString("G3", inv)}").AddColumn("discrepancy ≥").AddColumn($"flips at τ={r.Options.Threshold.ToString("G3", inv)}");
        foreach (var s in r.Summaries)
            t.AddRow(s.Epsilon.ToString("G4", inv) + (r.Options.RelativeEpsilon ? " rel" : ""), s.MeanWidth.ToString("F4", inv), s.MedianWidth.ToString("F4", inv), s.MaxWidth.ToString("F4", inv),
                s.ShareWidthAtLeast01.ToString("P1", inv), s.Ambiguity.ToString("P1", inv), s.DiscrepancyLowerBound is double dsc ? dsc.ToString("P1", inv) : "-", s.ThresholdAmbiguity.ToString("P1", inv));
        AnsiConsole.Write(t);
        var last = r.Summaries[^1];
        if (last.Groups.Count > 0)
        {
            var g = new Table().Border(TableBorder.Simple).Title($"by group at epsilon {last.Epsilon.ToString("G4", inv)}").AddColumn("group").AddColumn("rows").AddColumn("mean width").AddColumn("ambiguity").AddColumn("flips");
            foreach (var (name, gs) in last.Groups)
                g.AddRow(Markup.Escape(name), gs.Rows.ToString(inv), gs.MeanWidth.ToString("F4", inv), gs.Ambiguity.ToString("P1", inv), gs.ThresholdAmbiguity.ToString("P1", inv));
            AnsiConsole.Write(g);
        }
        AnsiConsole.MarkupLine("ambiguity: share of rows some near-optimal model moves by at least delta; discrepancy ≥: lower bound from the 2n extremal models");
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(string.Join(", ", written.Take(3)))}{(written.Count > 3 ? $" and {written.Count - 3} more" : "")}");
    }
}
