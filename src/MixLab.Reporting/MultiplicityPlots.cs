using MixLab.Multiplicity;
using ScottPlot;

namespace MixLab.Reporting;

/// <summary>
/// PNG plots of a multiplicity analysis: the histogram of range widths, each row's range against its prediction,
/// ambiguity against ε, and mean width by group.
/// </summary>
public static class MultiplicityPlots
{
    private const int Width = 800, Height = 600;

    /// <summary>Writes every plot into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(MultiplicityResult r, LogisticData data, string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>
        {
            WidthHistogram(r, Path.Combine(directory, "width-histogram.png")),
            RangeVsPrediction(r, Path.Combine(directory, "range-vs-prediction.png")),
            AmbiguityVsEpsilon(r, Path.Combine(directory, "ambiguity-vs-epsilon.png")),
        };
        if (data.Groups is not null) paths.Add(ByGroup(r, Path.Combine(directory, "width-by-group.png")));
        return paths;
    }

    /// <summary>Histogram of range widths at the first ε.</summary>
    public static string WidthHistogram(MultiplicityResult r, string path)
    {
        var widths = r.Ranges.Select(x => x[0].Width).ToArray();
        var plot = new Plot();
        var histogram = ScottPlot.Statistics.Histogram.WithBinCount(40, 0, Math.Max(1e-9, widths.Max()));
        histogram.AddRange(widths);
        var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
        foreach (var bar in bars.Bars) { bar.Size = histogram.FirstBinSize * 0.95; bar.LineWidth = 0; }
        plot.Title($"width of the viable prediction range (epsilon {r.Options.Epsilons[0]:G3})");
        plot.XLabel("max - min predicted probability");
        plot.YLabel("rows");
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Each row's [min, max] drawn as a vertical segment at its prediction.</summary>
    public static string RangeVsPrediction(MultiplicityResult r, string path)
    {
        var plot = new Plot();
        foreach (var x in r.Ranges.Select(v => v[0]))
        {
            var line = plot.Add.Line(x.Prediction, x.Min, x.Prediction, x.Max);
            line.LineColor = Colors.C0.WithAlpha(0.35);
            line.LineWidth = 1;
        }
        var diag = plot.Add.Line(0, 0, 1, 1);
        diag.LineColor = Colors.Gray;
        diag.LinePattern = LinePattern.Dashed;
        plot.Title($"viable prediction range against the baseline prediction (epsilon {r.Options.Epsilons[0]:G3})");
        plot.XLabel("baseline prediction h0(x)");
        plot.YLabel("range of predictions over near-optimal models");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Probabilistic ambiguity and its thresholded version over ε.</summary>
    public static string AmbiguityVsEpsilon(MultiplicityResult r, string path)
    {
        var plot = new Plot();
        var order = r.Summaries.OrderBy(s => s.EpsilonAbsolute).ToList();
        var xs = order.Select(s => Math.Log10(s.EpsilonAbsolute)).ToArray();
        plot.Add.Scatter(xs, order.Select(s => s.Ambiguity).ToArray(), Colors.C0).LegendText = $"ambiguity (delta {r.Options.Delta:G3})";
        plot.Add.Scatter(xs, order.Select(s => s.ThresholdAmbiguity).ToArray(), Colors.C1).LegendText = $"decisions that can flip (tau {r.Options.Threshold:G3})";
        plot.Title("multiplicity over the level-set gap");
        plot.XLabel("log10 epsilon (absolute)");
        plot.YLabel("share of rows");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Mean range width per group at the largest ε.</summary>
    public static string ByGroup(MultiplicityResult r, string path)
    {
        var s = r.Summaries.MaxBy(x => x.EpsilonAbsolute)!;
        var groups = s.Groups.ToList();
        var plot = new Plot();
        var bars = plot.Add.Bars(groups.Select(g => g.Value.MeanWidth).ToArray());
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.Select(g => $"{g.Key} ({g.Value.Rows})").ToArray());
        plot.Title($"mean range width by group (epsilon {s.Epsilon:G3})");
        plot.YLabel("mean width");
        plot.SavePng(path, Width, Height);
        return path;
    }
}
