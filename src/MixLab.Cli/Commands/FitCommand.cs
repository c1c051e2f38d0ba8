using MixLab.Laws;
using MixLab.Planning;
using MixLab.Reporting;
using MixLab.RunLogs;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>
/// <c>mixlab fit</c>: reads a run-log table, fits a scaling or mixing law with the Chinchilla/Epoch protocol
/// (<see cref="LawFitter"/>), and writes fit.json, residuals.csv and PNG plots. A thin adapter: parsing here, work in the library.
/// </summary>
public sealed class FitCommand : AsyncCommand<FitSettings>
{
    internal const string Description =
        "Fit a scaling or mixing law to training-run measurements (Huber loss, multi-start L-BFGS, bootstrap intervals).";

    internal static readonly string[][] Examples =
    [
        ["fit", "samples/runs/chinchilla-runs.csv", "--law", "chinchilla", "--out", "out/fit"],
        ["fit", "../shared/data/epoch_chinchilla_svg_extracted_data.csv", "--law", "chinchilla", "--estimator", "mle", "--map", "\"params=Model Size\"", "--map", "\"flops=Training FLOP\"", "--drop-highest-loss", "5", "--out", "out/chinchilla"],
        ["fit", "samples/runs/mixing-runs.csv", "--law", "mixing", "--optimize", "--bounds", "code=0:0.3", "--out", "out/mixing"],
    ];

    /// <inheritdoc/>
    public override async Task<int> ExecuteAsync(CommandContext context, FitSettings s, CancellationToken cancel)
    {
        var map = ColumnMapOption.Parse(s.Map);
        var table = RunLogReader.Read(s.Table, map);
        int rowsRead = table.RowCount;
        table = RunLogFilters.DropHighestLoss(table, s.DropHighestLoss, out int dropped);

        var law = LawCatalog.Find(s.Law!)!;
        var request = new FitRequest
        {
            Law = law,
            LawOptions = new LawOptions
            {
                X = s.X, XScale = s.XScale, CurveBy = s.CurveBy, SharedExponent = s.SharedExponent, Share = s.Share,
                ExponentBounds = s.ExponentBounds is null ? null : FitSettings.ParseRange(s.ExponentBounds),
            },
            Estimator = s.Estimator == "mle" ? Estimator.Mle : Estimator.Huber,
            Delta = s.Delta,
            BootstrapSamples = s.Bootstrap,
            Seed = s.Seed,
            ConfidenceLevel = s.Ci,
            Holdout = s.Holdout is null ? null : HoldoutSpec.Parse(s.Holdout, out _),
            GroupBy = s.GroupBy == "none" ? null : s.GroupBy,
            StartStride = s.StartStride,
            Polish = !s.NoPolish,
            Threads = s.Threads,
        };
        if (s.GroupBy is not ("eval_domain" or "none") && !table.Has(s.GroupBy))
            throw new UserInputException($"--group-by '{s.GroupBy}': no such column in {s.Table} (columns: {string.Join(", ", table.ColumnOrder)})");
        if (!s.Optimize && (s.Weights.Length > 0 || s.Bounds.Length > 0))
            throw new UserInputException("--weights and --bounds set up the mixture optimum: add --optimize");
        var weights = ParseNamed<double>(s.Weights, "--weights", "DOMAIN=W with W ≥ 0", v => FitSettings.TryNumber(v, out double w) && w >= 0 ? w : null);
        var bounds = ParseNamed<(double Lower, double Upper)>(s.Bounds, "--bounds", "DOMAIN=LO:HI with 0 ≤ LO ≤ HI ≤ 1",
            v => FitSettings.ParseRange(v, allowEqual: true) is { } r && r.Lower >= 0 && r.Upper <= 1 ? r : null);
        if (s.Optimize && law is not DataMixingLaw) throw new UserInputException("--optimize works with --law mixing");
        foreach (var name in bounds?.Keys.ToList() ?? [])
            if (!table.MixtureDomains.Contains(name))
                throw new UserInputException($"--bounds names '{name}', which is not a training domain (mix.<domain> columns: {string.Join(", ", table.MixtureDomains)})");
        if (bounds is not null)
        {
            double lower = table.MixtureDomains.Sum(d => bounds.TryGetValue(d, out var b) ? b.Lower : 0);
            double upper = table.MixtureDomains.Sum(d => bounds.TryGetValue(d, out var b) ? b.Upper : 1);
            if (lower > 1 + 1e-12 || upper < 1 - 1e-12)
                throw new UserInputException($"--bounds admit no mixture: the lower bounds sum to {lower:G4} and the upper bounds to {upper:G4}; they must straddle 1");
        }
        var evalDomains = table.Has(RunLogColumns.EvalDomain) ? table.TextOrDefault(RunLogColumns.EvalDomain, "all").Distinct().ToList() : ["all"];
        foreach (var name in weights?.Keys.ToList() ?? [])
            if (!evalDomains.Contains(name))
                throw new UserInputException($"--weights names '{name}', which is not an evaluation domain ({string.Join(", ", evalDomains)})");
        var budgets = ParseBudgets(s.Compute);

        var fit = await ProgressDisplay.RunAsync($"fitting {law.Name}", progress => LawFitter.Fit(table, request, cancel, progress), cancel);

        var allocations = law is ChinchillaLaw
            ? fit.Groups.ToDictionary(g => g.Group, g => AllocationReport.For(g, budgets, s.Ci))
            : null;
        MixtureOptimum? optimum = null;
        if (s.Optimize)
        {
            try { optimum = MixingOptimumReport.For(fit, table, weights, bounds); }
            catch (ArgumentException e) { throw new UserInputException(e.Message); }
        }
        var report = new FitReport(fit, new FitInput(Path.GetFullPath(s.Table), rowsRead, dropped, map), allocations, optimum, Program.Version);

        string outDir = s.Out ?? Path.Combine("out", "fit");
        Directory.CreateDirectory(outDir);
        var written = new List<string> { Path.Combine(outDir, "fit.json") };
        FitReportJson.WriteFile(written[0], report);
        written.Add(ResidualsCsv.Write(fit, Path.Combine(outDir, "residuals.csv")));
        if (optimum is not null) written.Add(MixtureJson.Write(optimum, Path.Combine(outDir, "mixture.json")));
        if (!s.NoPlots) written.AddRange(FitPlots.WriteAll(fit, outDir));

        if (s.Json) Console.Out.WriteLine(FitReportJson.Serialize(report));
        else FitConsoleView.Show(report, written);
        return fit.Converged ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static List<double> ParseBudgets(string? text)
    {
        if (text is null) return [.. AllocationReport.DefaultBudgets];
        var list = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!FitSettings.TryNumber(part, out double c) || c <= 0) throw new UserInputException($"--compute '{part}' is not a positive number of FLOPs");
            list.Add(c);
        }
        return list;
    }

    private static Dictionary<string, T>? ParseNamed<T>(string[] items, string option, string form, Func<string, T?> parse) where T : struct
    {
        if (items.Length == 0) return null;
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || parse(parts[1]) is not { } value)
                throw new UserInputException($"{option} '{item}': write {form}");
            result[parts[0].Trim()] = value;
        }
        return result;
    }
}
