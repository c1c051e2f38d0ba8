using MixLab.Planning.Moe;
using ScottPlot;

namespace MixLab.Reporting;

/// <summary>
/// PNG plots of the Efficiency Leverage law: EL over (activation ratio, granularity) at one compute as a heat map,
/// EL over compute for given configs, and the refit's measured EL against the fitted law, with chosen configs marked.
/// </summary>
public static class MoePlots
{
    private const int Width = 800, Height = 600;

    /// <summary>Heat map of EL over G ∈ [1, 32] (x) and log₁₀ of A in % (y) at compute C; marks the given points.</summary>
    public static string Heatmap(EfficiencyLeverageLaw law, double compute, IReadOnlyList<(string Label, double Activation, double Granularity)> marks, string path)
    {
        const int nx = 62, ny = 60;
        double gMin = 1, gMax = 32, yMin = Math.Log10(0.5), yMax = Math.Log10(100);
        var values = new double[ny, nx];
        for (int i = 0; i < ny; i++)
            for (int j = 0; j < nx; j++)
            {
                double y = yMax - (yMax - yMin) * (i + 0.5) / ny;   // row 0 is the top of the image
                double g = gMin + (gMax - gMin) * (j + 0.5) / nx;
                values[i, j] = law.At(Math.Pow(10, y) / 100, g, compute);
            }
        var plot = new Plot();
        var heat = plot.Add.Heatmap(values);
        heat.Position = new CoordinateRect(gMin, gMax, yMin, yMax);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heat).Label = "EL";
        foreach (var (label, a, g) in marks)
        {
            var m = plot.Add.Marker(g, Math.Log10(100 * a), MarkerShape.FilledCircle, 10, Colors.Red);
            m.LegendText = $"{label}: EL {law.At(a, g, compute):G3}";
        }
        plot.Add.VerticalLine(law.OptimalGranularity, 1, Colors.White, LinePattern.Dashed).LegendText = $"optimal G = {law.OptimalGranularity:G3}";
        plot.Title($"efficiency leverage at C = {compute:G3} FLOPs");
        plot.XLabel("granularity G = 2 d_model / d_expert");
        plot.YLabel("log10 activation ratio E_a/E (%)");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>EL over compute (log₁₀ C on x) for each given (A, G), with the fitted range of the law shaded.</summary>
    public static string OverCompute(EfficiencyLeverageLaw law, IReadOnlyList<(string Label, double Activation, double Granularity)> series, double? markCompute, string path)
    {
        var plot = new Plot();
        var xs = Enumerable.Range(0, 101).Select(i => 17 + 8.0 * i / 100).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < series.Count; k++)
        {
            var (label, a, g) = series[k];
            var line = plot.Add.ScatterLine(xs, xs.Select(x => law.At(a, g, Math.Pow(10, x))).ToArray(), palette.GetColor(k));
            line.LegendText = $"{label} (A {a:P2}, G {g:G3})";
        }
        var (lo, hi) = EfficiencyLeverageLaw.FittedComputeRange;
        var span = plot.Add.HorizontalSpan(Math.Log10(lo), Math.Log10(hi));
        span.FillColor = Colors.Gray.WithAlpha(0.15);
        span.LegendText = "compute range of the paper's fit";
        if (markCompute is double c) plot.Add.VerticalLine(Math.Log10(c), 1, Colors.Black, LinePattern.Dotted);
        plot.Title("efficiency leverage over compute");
        plot.XLabel("log10 training compute (FLOPs)");
        plot.YLabel("EL");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }

    /// <summary>Measured EL of each MoE run against the refitted law's prediction, with y = x.</summary>
    public static string RefitAgreement(ElFitResult fit, string path)
    {
        var plot = new Plot();
        var measured = fit.Points.Select(p => p.El).ToArray();
        var predicted = fit.Points.Select(p => fit.Fitted.At(p.Activation, p.Granularity, p.Compute)).ToArray();
        plot.Add.ScatterPoints(predicted, measured, Colors.C0).LegendText = "MoE runs";
        double lo = Math.Min(measured.Min(), predicted.Min()), hi = Math.Max(measured.Max(), predicted.Max());
        plot.Add.Line(lo, lo, hi, hi).LineColor = Colors.Gray;
        plot.Title("measured EL against the refitted EL law");
        plot.XLabel("EL predicted by the refitted law");
        plot.YLabel("EL measured (iso-loss dense compute / MoE compute)");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
        return path;
    }
}
