using System.Globalization;
using MixLab.Laws;
using Spectre.Console;

namespace MixLab.Cli;

/// <summary>Prints a fit report as tables for a person at a terminal.</summary>
internal static class FitConsoleView
{
    public static void Show(FitReport report, IReadOnlyList<string> written)
    {
        var fit = report.Fit;
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Markup.Escape(fit.Law)}[/]: {Markup.Escape(fit.Formula)}");
        console.MarkupLine($"estimator: [bold]{Markup.Escape(fit.Estimator)}[/] ({Markup.Escape(fit.EstimatorDescription)})");
        console.MarkupLine($"rows: {report.Input.RowsRead} read, {report.Input.RowsDropped} dropped; bootstrap: {fit.BootstrapSamples} resamples, seed {fit.Seed}");

        var table = new Table().Border(TableBorder.Rounded);
        if (fit.Groups.Count > 1) table.AddColumn("group");
        table.AddColumn("parameter").AddColumn(new TableColumn("estimate").RightAligned()).AddColumn(new TableColumn("SE").RightAligned())
             .AddColumn(new TableColumn($"{fit.ConfidenceLevel:P0} interval").RightAligned());
        foreach (var g in fit.Groups)
            foreach (var p in g.Parameters)
            {
                var cells = new List<string>();
                if (fit.Groups.Count > 1) cells.Add(Markup.Escape(g.Group));
                cells.Add(Markup.Escape(p.Name));
                cells.Add(Num(p.Estimate));
                cells.Add(p.StandardError is double se ? Num(se) : "-");
                cells.Add(p.Interval is { Length: 2 } ci ? $"[[{Num(ci[0])}, {Num(ci[1])}]]" : "-");
                table.AddRow(cells.ToArray());
            }
        console.Write(table);

        bool held = fit.Groups.Any(g => g.Metrics.RowsHeldOut > 0);
        var metrics = new Table().Border(TableBorder.Simple).AddColumn("group").AddColumn("rows").AddColumn("objective")
            .AddColumn("R²").AddColumn("MAE");
        if (held) metrics.AddColumn("held-out MAE").AddColumn("held-out R²");
        metrics.AddColumn("stopped on");
        foreach (var g in fit.Groups)
        {
            var m = g.Metrics;
            var cells = new List<string> { Markup.Escape(g.Group), held ? $"{m.RowsFitted}+{m.RowsHeldOut}" : $"{m.RowsFitted}", Num(m.Objective), Num(m.RSquared), Num(m.MeanAbsoluteError) };
            if (held) { cells.Add(m.HeldOutMeanAbsoluteError is double h ? Num(h) : "-"); cells.Add(m.HeldOutRSquared is double r ? Num(r) : "-"); }
            cells.Add(Markup.Escape(g.ExitCondition));
            metrics.AddRow(cells.ToArray());
        }
        console.Write(metrics);

        if (report.Allocations is { } allocations)
        {
            var alloc = new Table().Border(TableBorder.Rounded).Title("compute-optimal allocation (C = 6ND)")
                .AddColumn("FLOPs").AddColumn("N*").AddColumn("D*").AddColumn("D*/N*").AddColumn("loss").AddColumn($"N* {fit.ConfidenceLevel:P0}").AddColumn($"D* {fit.ConfidenceLevel:P0}");
            foreach (var (_, rows) in allocations)
                foreach (var row in rows)
                    alloc.AddRow(Num(row.Point.Compute), Num(row.Point.Params), Num(row.Point.Tokens), Num(row.Point.TokensPerParam), Num(row.Point.Loss),
                        Pair(row.ParamsInterval), Pair(row.TokensInterval));
            console.Write(alloc);
        }

        if (report.Optimum is { } opt)
        {
            var mix = new Table().Border(TableBorder.Rounded).Title($"optimal mixture (aggregate loss {Num(opt.Aggregate)})").AddColumn("domain").AddColumn("share");
            foreach (var (d, v) in opt.Mixture) mix.AddRow(Markup.Escape(d), v.ToString("0.0000", CultureInfo.InvariantCulture));
            console.Write(mix);
        }

        foreach (var g in fit.Groups)
            foreach (var w in g.Warnings)
                console.MarkupLine($"[yellow]warning[/]{(fit.Groups.Count > 1 ? $" [[{Markup.Escape(g.Group)}]]" : "")}: {Markup.Escape(w)}");
        console.MarkupLine(fit.Converged ? "[green]converged[/]" : "[red]did not converge[/]");
        console.MarkupLine($"wrote {Markup.Escape(string.Join(", ", written.Take(4)))}{(written.Count > 4 ? $" and {written.Count - 4} more" : "")}");
    }

    /// <summary>Five significant figures; scientific notation for very large or small magnitudes.</summary>
    private static string Num(double v) => !double.IsFinite(v) ? "-" :
        Math.Abs(v) is >= 1e5 or < 1e-3 and > 0 ? v.ToString("0.###e+0", CultureInfo.InvariantCulture) : v.ToString("G5", CultureInfo.InvariantCulture);

    private static string Pair(double[]? p) => p is { Length: 2 } ? $"{Num(p[0])} – {Num(p[1])}" : "-";
}
