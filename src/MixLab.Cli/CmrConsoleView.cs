using System.Globalization;
using MixLab.Planning.Cmr;
using Spectre.Console;

namespace MixLab.Cli;

/// <summary>Prints a CMR result for a person: the answer first, then the runs, the other methods and the warnings.</summary>
internal static class CmrConsoleView
{
    public static void Show(CmrResult r, IReadOnlyList<string> written)
    {
        var console = AnsiConsole.Console;
        bool censoredAbove = r.Warnings.Any(w => w.StartsWith("censored: every tried ratio", StringComparison.Ordinal));
        string interval = censoredAbove ? " (at least: every tried ratio is within tolerance)"
            : r.Interval is { Length: 2 } ci ? $" [[{Pct(ci[0])}, {Pct(ci[1])}]]" : "";
        string about = r.Interval is null
            ? "(no interval: --bootstrap 0)"
            : $"({r.Options.ConfidenceLevel:P0} bootstrap interval, {r.BootstrapSamples} resamples of {r.Options.BootstrapKind.ToString().ToLowerInvariant()})";
        console.MarkupLine($"[bold]CMR at {Tokens(r.TargetTokens)} tokens: {Pct(r.Cmr)}{interval}[/]  {about}");
        console.MarkupLine($"tolerance: general loss may rise by {r.ToleranceAbsolute:G4} over {r.BaseGeneralLoss:G5} ({(r.Options.RelativeEpsilon ? "relative" : "absolute")} epsilon {r.Options.Epsilon:G4}); lambda {(double.IsPositiveInfinity(r.Options.Lambda) ? "inf" : r.Options.Lambda.ToString("G4", CultureInfo.InvariantCulture))}");
        console.MarkupLine($"answer from: {Markup.Escape(r.Method)}");

        var runs = new Table().Border(TableBorder.Rounded).AddColumn("ratio").AddColumn("general R²").AddColumn("domain R²")
            .AddColumn("T0 (tokens)").AddColumn("dL_gen at target").AddColumn("within tolerance").AddColumn("feasible");
        foreach (var run in r.Runs)
            runs.AddRow(Pct(run.Ratio), run.General.RSquared.ToString("0.0000", CultureInfo.InvariantCulture), run.Domain.RSquared.ToString("0.0000", CultureInfo.InvariantCulture),
                run.T0 is double t0 ? Tokens(t0 * r.Options.TokenUnit) : run.T0Kind.ToString().ToLowerInvariant(),
                run.GeneralDeltaAtTarget.ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture), run.InTolerance ? "yes" : "no", run.Feasible ? "[green]yes[/]" : "[red]no[/]");
        console.Write(runs);

        var methods = new Table().Border(TableBorder.Simple).AddColumn("method").AddColumn("largest ratio").AddColumn("at tokens").AddColumn("note");
        string lawText = r.Law is { } law ? $"CMR law over budgets: R(T) = {law.Alpha4:G4}·T^{law.S4:G4} + {law.Beta3:G4}, T in units of {r.Options.TokenUnit:G3} tokens (R² {r.LawRSquared:G4})" : "no CMR law";
        methods.AddRow("cmr", Pct(r.Cmr), Tokens(r.TargetTokens), Markup.Escape($"{r.Method}; {lawText}"));
        foreach (var c in r.Comparisons)
            methods.AddRow(c.Method, c.Ratio is double v ? Pct(v) : "-", Tokens(c.AtTokens), Markup.Escape(c.Note));
        console.Write(methods);

        foreach (var w in r.Warnings) console.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
        console.MarkupLine($"wrote {Markup.Escape(string.Join(", ", written.Take(3)))}{(written.Count > 3 ? $" and {written.Count - 3} more" : "")}");
    }

    private static string Pct(double v) => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Tokens(double t) => t >= 1e9 ? (t / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "B"
        : t >= 1e6 ? (t / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M" : t.ToString("G4", CultureInfo.InvariantCulture);
}
