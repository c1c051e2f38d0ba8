using MixLab.Laws;
using ScottPlot;

namespace MixLab.Reporting;

/// <summary>
/// PNG plots of a law fit, drawn with ScottPlot: observed against fitted loss, residuals against the fitted value,
/// and one histogram per parameter of its bootstrap distribution with the estimate and interval marked.
/// </summary>
public static class FitPlots
{
    private const int Width = 800, Height = 600;

    /// <summary>Writes every plot into <paramref name="directory"/> and returns the paths written (plots are drawn in parallel).</summary>
    public static IReadOnlyList<string> WriteAll(FitResult fit, string directory)
    {
        Directory.CreateDirectory(directory);
        var jobs = new List<Func<string>>
        {
            () => ObservedVsFitted(fit, Path.Combine(directory, "observed-vs-fitted.png")),
            () => Residuals(fit, Path.Combine(directory, "residuals.png")),
        };
        foreach (var g in fit.Groups)
            foreach (var p in g.Parameters)
            {
                if (!g.BootstrapDraws.TryGetValue(p.Name, out var draws) || draws.Length < 2) continue;
                string name = fit.Groups.Count == 1 ? p.Name : $"{p.Name}[{g.Group}]";
                jobs.Add(() => Bootstrap(name, p, draws, Path.Combine(directory, $"bootstrap-{Safe(name)}.png")));
            }
        var written = new string[jobs.Count];
        Parallel.For(0, jobs.Count, i => written[i] = jobs[i]());
        return written;
    }

    /// <summary>Observed loss against the fitted loss, with the y = x line; held-out rows in their own colour.</summary>
    public static string ObservedVsFitted(FitResult fit, string path)
    {
        var plot = new Plot();
        AddSeries(plot, fit.Residuals.Where(r => !r.HeldOut).ToList(), r => r.Predicted, r => r.Observed, "fitted rows", Colors.C0);
        AddSeries(plot, fit.Residuals.Where(r => r.HeldOut).ToList(), r => r.Predicted, r => r.Observed, "held-out rows", Colors.C1);
        var all = fit.Residuals.SelectMany(r => new[] { r.Observed, r.Predicted }).Where(double.IsFinite).ToArray();
        if (all.Length > 0)
        {
            var line = plot.Add.Line(all.Min(), all.Min(), all.Max(), all.Max());
            line.LineColor = Colors.Gray;
            line.LegendText = "y = x";
        }
        plot.Title($"{fit.Law}: observed vs fitted ({fit.Estimator})");
        plot.XLabel("fitted loss");
        plot.YLabel("observed loss");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Residuals (in the fit's space: log or linear) against the fitted loss.</summary>
    public static string Residuals(FitResult fit, string path)
    {
        var plot = new Plot();
        AddSeries(plot, fit.Residuals.Where(r => !r.HeldOut).ToList(), r => r.Predicted, r => r.Residual, "fitted rows", Colors.C0);
        AddSeries(plot, fit.Residuals.Where(r => r.HeldOut).ToList(), r => r.Predicted, r => r.Residual, "held-out rows", Colors.C1);
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        plot.Title($"{fit.Law}: residuals");
        plot.XLabel("fitted loss");
        plot.YLabel("residual (fit space)");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Histogram of one parameter's bootstrap draws, with the estimate and the interval as vertical lines.</summary>
    public static string Bootstrap(string name, ParameterEstimate estimate, double[] draws, string path)
    {
        var finite = draws.Where(double.IsFinite).ToArray();
        var plot = new Plot();
        double lo = finite.Min(), hi = finite.Max();
        if (!(hi > lo))
        {
            // Every draw equal (a parameter pinned on its bound): one bar, around a range ScottPlot accepts.
            double pad = Math.Max(Math.Abs(lo) * 1e-6, 1e-12);
            (lo, hi) = (lo - pad, hi + pad);
        }
        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(Math.Clamp(finite.Length / 20, 10, 60), lo, hi);
        histogram.AddRange(finite);
        var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
        foreach (var bar in bars.Bars) { bar.Size = histogram.FirstBinSize * 0.95; bar.LineWidth = 0; }
        plot.Add.VerticalLine(estimate.Estimate, 2, Colors.Black).LegendText = "estimate";
        if (estimate.Interval is { Length: 2 } ci)
        {
            plot.Add.VerticalLine(ci[0], 1, Colors.Red, LinePattern.Dashed).LegendText = "interval";
            plot.Add.VerticalLine(ci[1], 1, Colors.Red, LinePattern.Dashed);
        }
        plot.Title($"bootstrap distribution of {name} ({finite.Length} resamples)");
        plot.XLabel(name);
        plot.YLabel("resamples");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static void AddSeries(Plot plot, List<ResidualRow> rows, Func<ResidualRow, double> x, Func<ResidualRow, double> y, string label, Color color)
    {
        if (rows.Count == 0) return;
        var points = plot.Add.ScatterPoints(rows.Select(x).ToArray(), rows.Select(y).ToArray(), color);
        points.LegendText = label;
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
