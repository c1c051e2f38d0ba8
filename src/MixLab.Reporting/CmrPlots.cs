using MixLab.Planning.Cmr;
using ScottPlot;

namespace MixLab.Reporting;

/// <summary>
/// PNG plots of a CMR plan, drawn with ScottPlot: general and domain loss change over tokens per ratio with the
/// fitted Eq. 6 laws, the feasible region over (T, R), and the CMR over tokens with the CMR law and the interval.
/// </summary>
public static class CmrPlots
{
    private const int Width = 800, Height = 600;

    /// <summary>Writes every plot into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(CmrResult result, IReadOnlyList<CmrRun> runs, string directory)
    {
        Directory.CreateDirectory(directory);
        return
        [
            Curves(result, runs, general: true, Path.Combine(directory, "cmr-general-loss.png")),
            Curves(result, runs, general: false, Path.Combine(directory, "cmr-domain-loss.png")),
            Feasible(result, Path.Combine(directory, "cmr-feasible-region.png")),
            CmrOverTokens(result, Path.Combine(directory, "cmr-vs-tokens.png")),
        ];
    }

    /// <summary>Observed loss changes per run (points) and the fitted token law (line); ε marked on the general plot.</summary>
    public static string Curves(CmrResult result, IReadOnlyList<CmrRun> runs, bool general, string path)
    {
        var plot = new Plot();
        double unit = result.Options.TokenUnit / 1e9;
        double tEnd = Math.Max(result.TargetTokens / result.Options.TokenUnit, runs.Max(r => r.Tokens.Max()));
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < runs.Count; k++)
        {
            var run = runs[k];
            var fit = result.Runs.First(r => r.Run == run.Name);
            var color = palette.GetColor(k);
            var points = plot.Add.ScatterPoints(run.Tokens.Select(t => t * unit).ToArray(), general ? run.GeneralDelta : run.DomainDelta, color);
            points.LegendText = $"R = {run.Ratio:P1}";
            var ts = Enumerable.Range(1, 200).Select(i => tEnd * i / 200.0).ToArray();
            var line = plot.Add.ScatterLine(ts.Select(t => t * unit).ToArray(), ts.Select(t => general ? fit.Curves.GeneralDelta(t) : fit.Curves.DomainDelta(t)).ToArray(), color);
            line.LineWidth = 1.5f;
        }
        if (general)
        {
            var eps = plot.Add.HorizontalLine(result.ToleranceAbsolute, 1, Colors.Red, LinePattern.Dashed);
            eps.LegendText = "tolerance";
        }
        plot.Add.VerticalLine(result.TargetTokens / 1e9, 1, Colors.Gray, LinePattern.Dotted);
        plot.Title(general ? "general loss change over CPT tokens" : "domain loss change over CPT tokens");
        plot.XLabel("tokens (billions)");
        plot.YLabel(general ? "L_gen(T) - L_gen(0)" : "L_dom(T) - L_dom(0)");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>The feasible region: ratios at or below the CMR at each budget; tried runs marked by feasibility at the target.</summary>
    public static string Feasible(CmrResult result, string path)
    {
        var plot = new Plot();
        double unit = result.Options.TokenUnit / 1e9;
        if (result.Grid.Count > 1)
        {
            var xs = result.Grid.Select(g => g.Tokens * unit).ToArray();
            var fill = plot.Add.FillY(xs, result.Grid.Select(_ => 0.0).ToArray(), result.Grid.Select(g => g.Ratio).ToArray());
            fill.FillColor = Colors.Green.WithAlpha(0.25);
            fill.LegendText = "feasible";
        }
        var feasible = result.Runs.Where(r => r.Feasible).ToList();
        var infeasible = result.Runs.Where(r => !r.Feasible).ToList();
        if (feasible.Count > 0)
            plot.Add.ScatterPoints(feasible.Select(_ => result.TargetTokens / 1e9).ToArray(), feasible.Select(r => r.Ratio).ToArray(), Colors.Green).LegendText = "tried ratio, feasible at target";
        if (infeasible.Count > 0)
            plot.Add.ScatterPoints(infeasible.Select(_ => result.TargetTokens / 1e9).ToArray(), infeasible.Select(r => r.Ratio).ToArray(), Colors.Red).LegendText = "tried ratio, not feasible at target";
        plot.Title("feasible mixture ratios over the token budget");
        plot.XLabel("tokens (billions)");
        plot.YLabel("domain ratio R");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>The critical ratio read at each budget, the fitted CMR law, and the answer at the target with its interval.</summary>
    public static string CmrOverTokens(CmrResult result, string path)
    {
        var plot = new Plot();
        double unit = result.Options.TokenUnit / 1e9;
        var inside = result.Grid.Where(g => !g.Censored).ToList();
        if (inside.Count > 0)
            plot.Add.ScatterPoints(inside.Select(g => g.Tokens * unit).ToArray(), inside.Select(g => g.Ratio).ToArray(), Colors.C0).LegendText = "critical ratio from the runs";
        if (result.Law is { } law)
        {
            double tEnd = Math.Max(result.TargetTokens / result.Options.TokenUnit, result.Grid.Count > 0 ? result.Grid.Max(g => g.Tokens) : 1);
            double tStart = inside.Count > 0 ? inside.Min(g => g.Tokens) : tEnd / 10;
            var ts = Enumerable.Range(0, 200).Select(i => tStart + (tEnd - tStart) * i / 199.0).ToArray();
            plot.Add.ScatterLine(ts.Select(t => t * unit).ToArray(), ts.Select(t => Math.Clamp(law.At(t), 0, 1)).ToArray(), Colors.C1).LegendText = "CMR law (clamped to [0, 1])";
        }
        double x = result.TargetTokens / 1e9;
        plot.Add.ScatterPoints(new[] { x }, new[] { result.Cmr }, Colors.Black).LegendText = "answer at the target";
        if (result.Interval is { Length: 2 } ci && double.IsFinite(ci[0]) && double.IsFinite(ci[1]))
            plot.Add.Line(x, ci[0], x, ci[1]).LineColor = Colors.Black;
        plot.Title("critical mixture ratio over the token budget");
        plot.XLabel("tokens (billions)");
        plot.YLabel("CMR");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }
}
