using System.ComponentModel;
using System.Globalization;
using MixLab.Laws;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>Arguments of <c>mixlab fit</c>.</summary>
public sealed class FitSettings : CommonSettings
{
    [CommandArgument(0, "<TABLE>")]
    [Description("Run-log table: CSV, TSV or JSON Lines (optionally .gz), one row per measurement (see docs/fit.md).")]
    public string Table { get; init; } = "";

    [CommandOption("-l|--law <LAW>")]
    [Description("Law to fit: chinchilla, power, mixing, dcpt, cmr-ratio, cmr-token, cmr-token2.")]
    public string? Law { get; init; }

    [CommandOption("-e|--estimator <NAME>")]
    [Description("huber: minimum summed Huber loss over the start grid (Hoffmann Approach 3; Epoch's 'replicate exactly', exactly so with --no-polish); mle: Epoch AI's Huber-likelihood estimate, started from the huber fit.")]
    [DefaultValue("huber")]
    public string Estimator { get; init; } = "huber";

    [CommandOption("-m|--map <CANONICAL=COLUMN>")]
    [Description("Read a canonical column from a differently named one, e.g. --map \"params=Model Size\". Repeatable.")]
    public string[] Map { get; init; } = [];

    [CommandOption("--drop-highest-loss <K>")]
    [Description("Keep rows with loss strictly below the K-th highest (Epoch AI drop 5 on the Chinchilla data).")]
    [DefaultValue(0)]
    public int DropHighestLoss { get; init; }

    [CommandOption("-b|--bootstrap <N>")]
    [Description("Bootstrap resamples for standard errors and intervals (default 4000; 0 for none).")]
    [DefaultValue(4000)]
    public int Bootstrap { get; init; } = 4000;

    [CommandOption("--ci <LEVEL>")]
    [Description("Level of the percentile intervals (default 0.95).")]
    [DefaultValue(0.95)]
    public double Ci { get; init; } = 0.95;

    [CommandOption("--delta <D>")]
    [Description("Huber delta on residuals (default 1e-3).")]
    [DefaultValue(1e-3)]
    public double Delta { get; init; } = 1e-3;

    [CommandOption("--holdout <SPEC>")]
    [Description("Rows kept out of the fit to test extrapolation: largest:K (the K largest scales: compute, or x) or fraction:F (seeded).")]
    public string? Holdout { get; init; }

    [CommandOption("--group-by <COLUMN>")]
    [Description("Fit each value of this column separately (default eval_domain; 'none' for one fit over all rows).")]
    [DefaultValue("eval_domain")]
    public string GroupBy { get; init; } = "eval_domain";

    [CommandOption("-x|--variable <COLUMN>")]
    [Description("The variable of one-variable laws: power, cmr-token, cmr-token2 default to tokens; cmr-ratio to mix.<--share>, else a column named R.")]
    public string? X { get; init; }

    [CommandOption("--variable-scale <UNIT>")]
    [Description("Divide the variable of power, cmr-ratio, cmr-token and cmr-token2 by this unit before fitting, e.g. 2e8 for the CMR paper's 0.2B-token units.")]
    [DefaultValue(1.0)]
    public double XScale { get; init; } = 1;

    [CommandOption("--curve-by <COLUMN>")]
    [Description("power law: split rows into curves by this column, each with its own E and A.")]
    public string? CurveBy { get; init; }

    [CommandOption("--shared-exponent")]
    [Description("power law: one exponent for all curves (the Data Mixing Laws step law).")]
    public bool SharedExponent { get; init; }

    [CommandOption("--share <DOMAIN>")]
    [Description("The training domain whose share mix.<DOMAIN> is the variable: dcpt (default: the group's name, i.e. its eval_domain) and cmr-ratio.")]
    public string? Share { get; init; }

    [CommandOption("--exponent-bounds <LO:HI>")]
    [Description("Bound every exponent to the range LO..HI; fits that end on a bound are flagged degenerate.")]
    public string? ExponentBounds { get; init; }

    [CommandOption("--compute <FLOPS>")]
    [Description("chinchilla: compute budgets for the optimal allocation, comma-separated (default 1e21,5.88e23,1e24).")]
    public string? Compute { get; init; }

    [CommandOption("--optimize")]
    [Description("mixing: find the mixture that minimises the weighted aggregate loss; writes mixture.json.")]
    public bool Optimize { get; init; }

    [CommandOption("--weights <DOMAIN=W>")]
    [Description("mixing: weight of each evaluation domain in the aggregate (default equal). Repeatable or comma-separated.")]
    public string[] Weights { get; init; } = [];

    [CommandOption("--bounds <DOMAIN=LO:HI>")]
    [Description("mixing: bounds on a training domain's share in the optimum. Repeatable or comma-separated.")]
    public string[] Bounds { get; init; } = [];

    [CommandOption("--start-stride <K>")]
    [Description("Use every K-th point of the start grid (default 1: all of it, e.g. Hoffmann's 4,500 for chinchilla).")]
    [DefaultValue(1)]
    public int StartStride { get; init; } = 1;

    [CommandOption("--no-polish")]
    [Description("Keep the best start's L-BFGS result as is (SciPy L-BFGS-B exactly, Epoch's 'replicate exactly'); by default a gradient-only BFGS run refines it.")]
    public bool NoPolish { get; init; }

    [CommandOption("--no-plots")]
    [Description("Do not draw PNG plots.")]
    public bool NoPlots { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Law))
            return ValidationResult.Error($"--law is required: one of {string.Join(", ", LawCatalog.All.Select(l => l.Name))}");
        if (LawCatalog.Find(Law) is null)
            return ValidationResult.Error($"--law '{Law}' is not a known law: one of {string.Join(", ", LawCatalog.All.Select(l => l.Name))}");
        if (Estimator is not ("huber" or "mle")) return ValidationResult.Error($"--estimator '{Estimator}': use huber or mle");
        if (Bootstrap < 0) return ValidationResult.Error("--bootstrap must be 0 or more");
        if (!(Ci > 0 && Ci < 1)) return ValidationResult.Error("--ci must be between 0 and 1, e.g. 0.95");
        if (!(Delta > 0) || !double.IsFinite(Delta)) return ValidationResult.Error("--delta must be a positive number");
        if (DropHighestLoss < 0) return ValidationResult.Error("--drop-highest-loss must be 0 or more");
        if (!(XScale > 0) || !double.IsFinite(XScale)) return ValidationResult.Error("--variable-scale must be a positive number");
        if (StartStride < 1) return ValidationResult.Error("--start-stride must be at least 1");
        foreach (var m in Map)
            if (m.IndexOf('=') is <= 0 || m.EndsWith('=')) return ValidationResult.Error($"--map '{m}': write CANONICAL=COLUMN, e.g. --map \"params=Model Size\"");
        var twice = Map.GroupBy(m => m.Split('=', 2)[0].Trim()).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) return ValidationResult.Error($"--map gives '{twice.Key}' more than once");
        if (Holdout is not null && HoldoutSpec.Parse(Holdout, out var error) is null) return ValidationResult.Error(error!);
        if (ExponentBounds is not null && ParseRange(ExponentBounds) is null) return ValidationResult.Error($"--exponent-bounds '{ExponentBounds}': write LO:HI with LO < HI");
        return base.Validate();
    }

    /// <summary>Parses LO:HI; null when malformed.</summary>
    internal static (double Lower, double Upper)? ParseRange(string text, bool allowEqual = false)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !TryNumber(parts[0], out double lo) || !TryNumber(parts[1], out double hi) || !(lo < hi || (allowEqual && lo == hi))) return null;
        return (lo, hi);
    }

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
