using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>Arguments of <c>mixlab cmr</c>.</summary>
public sealed class CmrSettings : CommonSettings
{
    [CommandArgument(0, "<TABLE>")]
    [Description("Run-log table of CPT runs: one run per ratio, general and domain losses over tokens, mix.<domain> columns giving the ratio, rows at tokens 0 for the pre-CPT losses.")]
    public string Table { get; init; } = "";

    [CommandOption("-m|--map <CANONICAL=COLUMN>")]
    [Description("Read a canonical column from a differently named one. Repeatable.")]
    public string[] Map { get; init; } = [];

    [CommandOption("--general-domain <NAME>")]
    [Description("eval_domain of the general validation loss.")]
    [DefaultValue("general")]
    public string GeneralDomain { get; init; } = "general";

    [CommandOption("--target-domain <NAME>")]
    [Description("The domain added in CPT: its eval_domain and its mix.<NAME> column (the ratio R). Required.")]
    public string? TargetDomain { get; init; }

    [CommandOption("--epsilon <E>")]
    [Description("Tolerance on the general-loss increase (the paper: 0.05, absolute).")]
    [DefaultValue(0.05)]
    public double Epsilon { get; init; } = 0.05;

    [CommandOption("--relative")]
    [Description("Read --epsilon as a fraction of the pre-CPT general loss (D-CPT's convention).")]
    public bool Relative { get; init; }

    [CommandOption("--target-tokens <TOKENS>")]
    [Description("The budget T_max the answer is for, in raw tokens, e.g. 20e9 (default: the longest run).")]
    public double? TargetTokens { get; init; }

    [CommandOption("--lambda <L>")]
    [Description("Lagrange multiplier of the paper's Eq. 3 ('inf' for the limit, where T0 is the general-loss peak; the paper used 100 to 7000).")]
    [DefaultValue("inf")]
    public string Lambda { get; init; } = "inf";

    [CommandOption("--token-unit <TOKENS>")]
    [Description("Tokens per unit of T in the fits (the paper's 0.2B: T = 100 is 20B tokens).")]
    [DefaultValue(2e8)]
    public double TokenUnit { get; init; } = 2e8;

    [CommandOption("--base-general-loss <L>")]
    [Description("Pre-CPT general loss, when the table has no rows at tokens 0.")]
    public double? BaseGeneralLoss { get; init; }

    [CommandOption("--base-domain-loss <L>")]
    [Description("Pre-CPT domain loss, when the table has no rows at tokens 0.")]
    public double? BaseDomainLoss { get; init; }

    [CommandOption("-b|--bootstrap <N>")]
    [Description("Bootstrap resamples for the interval (0 for none).")]
    [DefaultValue(200)]
    public int Bootstrap { get; init; } = 200;

    [CommandOption("--bootstrap-kind <KIND>")]
    [Description("checkpoints: draw each run's checkpoints with replacement; residuals: keep them and redraw each curve's residuals.")]
    [DefaultValue("checkpoints")]
    public string BootstrapKind { get; init; } = "checkpoints";

    [CommandOption("--ci <LEVEL>")]
    [Description("Level of the interval.")]
    [DefaultValue(0.95)]
    public double Ci { get; init; } = 0.95;

    [CommandOption("--no-plots")]
    [Description("Do not draw PNG plots.")]
    public bool NoPlots { get; init; }

    /// <summary>λ as a number (+∞ for "inf").</summary>
    internal double LambdaValue => Lambda.Trim().ToLowerInvariant() is "inf" or "infinity" ? double.PositiveInfinity
        : FitSettings.TryNumber(Lambda, out double v) ? v : double.NaN;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(TargetDomain)) return ValidationResult.Error("--target-domain is required, e.g. --target-domain finance");
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) return ValidationResult.Error("--epsilon must be a positive number");
        if (TargetTokens is double t && !(t > 0)) return ValidationResult.Error("--target-tokens must be a positive number of tokens, e.g. 20e9");
        if (!(LambdaValue > 0)) return ValidationResult.Error($"--lambda '{Lambda}': a positive number or inf");
        if (!(TokenUnit > 0) || !double.IsFinite(TokenUnit)) return ValidationResult.Error("--token-unit must be a positive number of tokens");
        if (Bootstrap < 0) return ValidationResult.Error("--bootstrap must be 0 or more");
        if (BootstrapKind is not ("checkpoints" or "residuals")) return ValidationResult.Error($"--bootstrap-kind '{BootstrapKind}': use checkpoints or residuals");
        if (!(Ci > 0 && Ci < 1)) return ValidationResult.Error("--ci must be between 0 and 1, e.g. 0.95");
        if (BaseGeneralLoss is double g && !(g > 0)) return ValidationResult.Error("--base-general-loss must be positive");
        if (BaseDomainLoss is double d && !(d > 0)) return ValidationResult.Error("--base-domain-loss must be positive");
        foreach (var m in Map)
            if (m.IndexOf('=') is <= 0 || m.EndsWith('=')) return ValidationResult.Error($"--map '{m}': write CANONICAL=COLUMN");
        return base.Validate();
    }
}
