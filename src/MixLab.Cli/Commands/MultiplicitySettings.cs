using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>Arguments of <c>mixlab multiplicity</c>.</summary>
public sealed class MultiplicitySettings : CommonSettings
{
    [CommandArgument(0, "<DATA>")]
    [Description("CSV (or .tsv, .gz) with feature columns and a binary target.")]
    public string Data { get; init; } = "";

    [CommandOption("-t|--target <COLUMN>")]
    [Description("The binary target column. Required.")]
    public string? Target { get; init; }

    [CommandOption("--positive <VALUE>")]
    [Description("The target value that counts as positive (default: 1 or true for 0/1 or true/false targets).")]
    public string? Positive { get; init; }

    [CommandOption("--features <COLUMNS>")]
    [Description("Comma-separated feature columns (default: every column except target, id and group). Text columns are one-hot encoded.")]
    public string? Features { get; init; }

    [CommandOption("--id <COLUMN>")]
    [Description("Column with row ids for ranges.csv.")]
    public string? Id { get; init; }

    [CommandOption("--group <COLUMN>")]
    [Description("Column with a group attribute: measures per group and the majority-minority comparison.")]
    public string? Group { get; init; }

    [CommandOption("--standardize")]
    [Description("Standardise numeric features (mean 0, population SD 1).")]
    public bool Standardize { get; init; }

    [CommandOption("-e|--epsilon <E>")]
    [Description("Level-set gap(s), comma-separated: absolute gaps in the mean log-loss (default 0.01).")]
    [DefaultValue("0.01")]
    public string Epsilon { get; init; } = "0.01";

    [CommandOption("--relative")]
    [Description("Read --epsilon as a fraction of the optimal loss L0.")]
    public bool Relative { get; init; }

    [CommandOption("--lambda <L>")]
    [Description("L2 penalty on the non-intercept weights (0: none).")]
    [DefaultValue(0.0)]
    public double Lambda { get; init; }

    [CommandOption("--delta <D>")]
    [Description("Probability change that counts as conflicting, for ambiguity and discrepancy (a change >= delta counts).")]
    [DefaultValue(0.1)]
    public double Delta { get; init; } = 0.1;

    [CommandOption("--threshold <TAU>")]
    [Description("Decision threshold for the thresholded measures (a decision flips when min < tau <= max).")]
    [DefaultValue(0.5)]
    public double Threshold { get; init; } = 0.5;

    [CommandOption("--no-plots")]
    [Description("Do not draw PNG plots.")]
    public bool NoPlots { get; init; }

    /// <summary>The ε values.</summary>
    internal double[] EpsilonValues => Epsilon.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(e => FitSettings.TryNumber(e, out double v) ? v : double.NaN).ToArray();

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Target)) return ValidationResult.Error("--target is required: the binary target column");
        var eps = EpsilonValues;
        if (eps.Length == 0 || eps.Any(e => !(e > 0))) return ValidationResult.Error($"--epsilon '{Epsilon}': every value must be a positive number, e.g. 0.01 or 0.001,0.01");
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) return ValidationResult.Error("--lambda must be 0 or more");
        if (!(Delta > 0 && Delta < 1)) return ValidationResult.Error("--delta must be between 0 and 1");
        if (!(Threshold > 0 && Threshold < 1)) return ValidationResult.Error("--threshold must be between 0 and 1");
        return base.Validate();
    }
}
