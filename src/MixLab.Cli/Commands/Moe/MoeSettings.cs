using System.ComponentModel;
using MixLab.Planning.Moe;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands.Moe;

/// <summary>Options shared by the <c>mixlab moe</c> verbs: FLOP convention and the EL law's log bases.</summary>
public class MoeCommonSettings : CommonSettings
{
    [CommandOption("--convention <NAME>")]
    [Description("FLOP counting: paper (Appendix C as printed), two-flops-per-mac, projections-only (no attention-score term).")]
    [DefaultValue("paper")]
    public string Convention { get; init; } = "paper";

    [CommandOption("--compute-log-base <B>")]
    [Description("Log base of C in the EL law (10: the only base that reproduces the paper's stated results; see docs/moe.md).")]
    [DefaultValue(10.0)]
    public double ComputeLogBase { get; init; } = 10;

    [CommandOption("--granularity-log-base <B>")]
    [Description("Log base of G in the EL law (2: the base that puts the optimum near 12).")]
    [DefaultValue(2.0)]
    public double GranularityLogBase { get; init; } = 2;

    internal FlopConvention FlopConvention => Convention switch
    {
        "two-flops-per-mac" => FlopConvention.TwoFlopsPerMac,
        "projections-only" => FlopConvention.ProjectionsOnly,
        _ => FlopConvention.PaperAppendixC,
    };

    internal EfficiencyLeverageLaw Law => EfficiencyLeverageLaw.Paper with { ComputeLogBase = ComputeLogBase, GranularityLogBase = GranularityLogBase };

    public override ValidationResult Validate()
    {
        if (Convention is not ("paper" or "two-flops-per-mac" or "projections-only"))
            return ValidationResult.Error($"--convention '{Convention}': use paper, two-flops-per-mac or projections-only");
        if (!(ComputeLogBase > 1) || !(GranularityLogBase > 1)) return ValidationResult.Error("log bases must be greater than 1");
        return base.Validate();
    }
}

/// <summary>Arguments of <c>mixlab moe inspect</c>.</summary>
public sealed class MoeInspectSettings : MoeCommonSettings
{
    [CommandArgument(0, "<CONFIG>")]
    [Description("Model config JSON: MixLab's fields or a Hugging Face config.json (see docs/moe.md).")]
    public string Config { get; init; } = "";

    [CommandOption("--tokens <D>")]
    [Description("Training tokens: adds the training compute (M·D, 3× forward, 6·N_active·D), the HP laws and EL at it, and Krajewski's predicted loss.")]
    public double? Tokens { get; init; }

    [CommandOption("--context <S>")]
    [Description("Context length for the attention-score FLOPs (default: the config's, else 4096).")]
    public int? Context { get; init; }

    public override ValidationResult Validate()
    {
        if (Tokens is double t && !(t > 0)) return ValidationResult.Error("--tokens must be positive");
        if (Context is int c && c <= 0) return ValidationResult.Error("--context must be positive");
        return base.Validate();
    }
}

/// <summary>Arguments of <c>mixlab moe el</c>.</summary>
public sealed class MoeElSettings : MoeCommonSettings
{
    [CommandArgument(0, "[CONFIG]")]
    [Description("Model config JSON to read A and G from (or give --activation-ratio and --granularity).")]
    public string? Config { get; init; }

    [CommandOption("--activation-ratio <A>")]
    [Description("Routed activation ratio E_a/E, e.g. 0.031.")]
    public double? ActivationRatio { get; init; }

    [CommandOption("--granularity <G>")]
    [Description("Granularity G = 2 d_model / d_expert, e.g. 12.")]
    public double? Granularity { get; init; }

    [CommandOption("--compute <C>")]
    [Description("Training compute in FLOPs, e.g. 1e22. Required.")]
    public double? Compute { get; init; }

    [CommandOption("--activation-reading <NAME>")]
    [Description("With a CONFIG: which A to use: routed (E_a/E, the EL fits), stated ((E_a+E_s)/(E+E_s)) or with-shared ((E_a+E_s)/E).")]
    [DefaultValue("routed")]
    public string ActivationReading { get; init; } = "routed";

    [CommandOption("--no-plots")]
    [Description("Do not draw PNG plots (drawn only with --out).")]
    public bool NoPlots { get; init; }

    public override ValidationResult Validate()
    {
        if (Compute is not double c || !(c > 0)) return ValidationResult.Error("--compute is required: training FLOPs, e.g. --compute 1e22");
        if (Config is null && (ActivationRatio is null || Granularity is null))
            return ValidationResult.Error("give a CONFIG, or both --activation-ratio and --granularity");
        if (ActivationRatio is double a && !(a > 0 && a <= 1)) return ValidationResult.Error("--activation-ratio must be in (0, 1], e.g. 0.031");
        if (Granularity is double g && !(g > 0)) return ValidationResult.Error("--granularity must be positive");
        if (ActivationReading is not ("routed" or "stated" or "with-shared")) return ValidationResult.Error($"--activation-reading '{ActivationReading}': use routed, stated or with-shared");
        return base.Validate();
    }
}

/// <summary>Arguments of <c>mixlab moe plan</c>.</summary>
public sealed class MoePlanSettings : MoeCommonSettings
{
    [CommandOption("--compute <C>")]
    [Description("Training compute in FLOPs, e.g. 1e22. Required.")]
    public double? Compute { get; init; }

    [CommandOption("--max-total-params <N>")]
    [Description("Upper limit on total parameters, e.g. 20e9.")]
    public double? MaxTotalParams { get; init; }

    [CommandOption("--max-active-params <N>")]
    [Description("Upper limit on active parameters.")]
    public double? MaxActiveParams { get; init; }

    [CommandOption("--min-activation <A>")]
    [Description("Smallest routed activation ratio to consider (the paper tested down to 2/256).")]
    [DefaultValue(2.0 / 256)]
    public double MinActivation { get; init; } = 2.0 / 256;

    [CommandOption("--vocab <V>")]
    [Description("Vocabulary size of the candidates.")]
    [DefaultValue(126464)]
    public int Vocab { get; init; } = 126_464;

    [CommandOption("--context <S>")]
    [Description("Context length of the candidates.")]
    [DefaultValue(4096)]
    public int Context { get; init; } = 4096;

    [CommandOption("--top <K>")]
    [Description("How many configs to show.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    [CommandOption("--no-plots")]
    [Description("Do not draw PNG plots.")]
    public bool NoPlots { get; init; }

    public override ValidationResult Validate()
    {
        if (Compute is not double c || !(c > 0)) return ValidationResult.Error("--compute is required: training FLOPs, e.g. --compute 1e22");
        if (MaxTotalParams is double t && !(t > 0)) return ValidationResult.Error("--max-total-params must be positive");
        if (MaxActiveParams is double a && !(a > 0)) return ValidationResult.Error("--max-active-params must be positive");
        if (!(MinActivation > 0 && MinActivation <= 1)) return ValidationResult.Error("--min-activation must be in (0, 1]");
        if (Vocab <= 0 || Context <= 0 || Top <= 0) return ValidationResult.Error("--vocab, --context and --top must be positive");
        return base.Validate();
    }
}

/// <summary>Arguments of <c>mixlab moe fit</c>.</summary>
public sealed class MoeFitSettings : MoeCommonSettings
{
    [CommandArgument(0, "<RUNS>")]
    [Description("Run-log table with flops, loss, experts (0 or 1 = dense), granularity and activation_ratio or active_experts.")]
    public string Runs { get; init; } = "";

    [CommandOption("-m|--map <CANONICAL=COLUMN>")]
    [Description("Read a canonical column from a differently named one. Repeatable.")]
    public string[] Map { get; init; } = [];

    [CommandOption("-b|--bootstrap <N>")]
    [Description("Bootstrap resamples of the MoE runs for coefficient intervals (0 for none).")]
    [DefaultValue(200)]
    public int Bootstrap { get; init; } = 200;

    [CommandOption("--ci <LEVEL>")]
    [Description("Level of the intervals.")]
    [DefaultValue(0.95)]
    public double Ci { get; init; } = 0.95;

    [CommandOption("--validate-above <EL>")]
    [Description("Keep runs whose measured EL is at least this out of the fit and report the error on them (the paper held out EL >= 6).")]
    public double? ValidateAbove { get; init; }

    [CommandOption("--no-plots")]
    [Description("Do not draw PNG plots.")]
    public bool NoPlots { get; init; }

    public override ValidationResult Validate()
    {
        if (Bootstrap < 0) return ValidationResult.Error("--bootstrap must be 0 or more");
        if (!(Ci > 0 && Ci < 1)) return ValidationResult.Error("--ci must be between 0 and 1, e.g. 0.95");
        if (ValidateAbove is double v && !(v > 1)) return ValidationResult.Error("--validate-above must be an EL above 1, e.g. 6");
        foreach (var m in Map)
            if (m.IndexOf('=') is <= 0 || m.EndsWith('=')) return ValidationResult.Error($"--map '{m}': write CANONICAL=COLUMN");
        return base.Validate();
    }
}
