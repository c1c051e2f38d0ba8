namespace MixLab.Planning.Cmr;

/// <summary>How a bootstrap resample of CPT runs is built.</summary>
public enum CmrBootstrapKind
{
    /// <summary>Draw each run's checkpoints with replacement (case resampling).</summary>
    Checkpoints,
    /// <summary>Keep the checkpoints, add each run's fit residuals drawn with replacement to its fitted curves (fixed design).</summary>
    Residuals,
}

/// <summary>
/// Settings of the Critical Mixture Ratio planner. Defaults follow the CMR paper (Gu et al., arXiv 2407.17467):
/// ε = 0.05 absolute (§5.1), tokens counted in units of 0.2B (T = 100 is 20B tokens).
/// </summary>
public sealed record CmrOptions
{
    /// <summary>The eval_domain value of the general validation loss.</summary>
    public string GeneralDomain { get; init; } = "general";

    /// <summary>The domain being added in CPT: its eval_domain value and its <c>mix.&lt;domain&gt;</c> column (the ratio R).</summary>
    public required string TargetDomain { get; init; }

    /// <summary>Tolerance on the general-loss increase (Eq. 1).</summary>
    public double Epsilon { get; init; } = 0.05;

    /// <summary>When true, ε is relative to the pre-CPT general loss (D-CPT's convention); absolute otherwise (CMR's).</summary>
    public bool RelativeEpsilon { get; init; }

    /// <summary>The token budget T_max the answer is for; default: the largest checkpoint in the runs.</summary>
    public double? TargetTokens { get; init; }

    /// <summary>Lagrange multiplier λ of Eq. 3; +∞ (the default) takes the limit, where T0 is the general-loss peak.</summary>
    public double Lambda { get; init; } = double.PositiveInfinity;

    /// <summary>Tokens per unit of T in the fits (default the paper's 0.2B).</summary>
    public double TokenUnit { get; init; } = CmrLaw.PaperTokenUnit;

    /// <summary>Pre-CPT general loss, when the runs have no row at tokens 0.</summary>
    public double? BaseGeneralLoss { get; init; }

    /// <summary>Pre-CPT domain loss, when the runs have no row at tokens 0.</summary>
    public double? BaseDomainLoss { get; init; }

    /// <summary>Bootstrap resamples of checkpoints within runs for the interval (0 for none).</summary>
    public int BootstrapSamples { get; init; } = 200;

    /// <summary>How the bootstrap builds a resample.</summary>
    public CmrBootstrapKind BootstrapKind { get; init; } = CmrBootstrapKind.Checkpoints;

    /// <summary>Level of the interval.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Seed of the bootstrap.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Huber δ of the curve fits (residuals are raw loss changes).</summary>
    public double Delta { get; init; } = 1e-3;

    /// <summary>Worker threads; null for all cores.</summary>
    public int? Threads { get; init; }
}
