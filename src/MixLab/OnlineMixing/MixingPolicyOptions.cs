namespace MixLab.OnlineMixing;

/// <summary>Options every policy has (bindable from snake_case config: <c>seed</c>, <c>interval_steps</c>).</summary>
public class MixingPolicyOptions
{
    /// <summary>Seed of the policy's random generator (Aioli sweep order, grid points).</summary>
    public ulong Seed { get; init; }

    /// <summary>For policies with a fixed mixture: steps per decision, i.e. how often the trainer comes back. No effect on the mixture.</summary>
    public int IntervalSteps { get; init; } = 250;
}

/// <summary>Options of <see cref="StaticPolicy"/>: fixed proportions, e.g. the mixture JSON written by <c>mixlab fit</c>.</summary>
public sealed class StaticOptions : MixingPolicyOptions
{
    /// <summary>Weight per domain (every domain must appear; 0 leaves it out). Sums other than 1 are renormalised with a warning.</summary>
    public Dictionary<string, double> Weights { get; init; } = [];
}

/// <summary>Options of <see cref="GridSearchPolicy"/> (spec §1.4 "Grid search").</summary>
public sealed class GridSearchOptions : MixingPolicyOptions
{
    /// <summary>Which sweep point this run trains (0-based).</summary>
    public int Run { get; init; }

    /// <summary>Number of sweep points: 9 as in the m = 2 and m = 3 sweeps (the instruction-tuning m = 9 sweep used 50).</summary>
    public int Points { get; init; } = 9;

    /// <summary>Dirichlet concentration for the cover when m ≥ 3 (the m = 9 files use 1.5; the m = 3 value is not stated, 1 = uniform on the simplex).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Explicit sweep points (each a mixture in domain order); overrides the generated grid.</summary>
    public double[][]? Grid { get; init; }
}

/// <summary>One evaluation domain's fitted Data Mixing Law L_i(r) = c + k·exp(Σ_j t_j r_j) (as reported by <c>mixlab fit</c>).</summary>
public sealed class MixingLawTermOptions
{
    /// <summary>Evaluation domain.</summary>
    public string Domain { get; init; } = "";
    /// <summary>c_i.</summary>
    public double C { get; init; }
    /// <summary>k_i.</summary>
    public double K { get; init; } = 1;
    /// <summary>t_ij per training domain (missing domains count as 0, e.g. the pinned last domain).</summary>
    public Dictionary<string, double> T { get; init; } = [];
    /// <summary>Weight of the domain in the aggregate loss.</summary>
    public double Weight { get; init; } = 1;
}

/// <summary>Options of <see cref="DataMixingLawPolicy"/> (spec §1.4 "DML"): fitted laws and optional bounds.</summary>
public sealed class DataMixingLawOptions : MixingPolicyOptions
{
    /// <summary>One fitted law per evaluation domain.</summary>
    public List<MixingLawTermOptions> Laws { get; init; } = [];
    /// <summary>Lower bound per training domain (default 0).</summary>
    public Dictionary<string, double>? Lower { get; init; }
    /// <summary>Upper bound per training domain (default 1).</summary>
    public Dictionary<string, double>? Upper { get; init; }
}

/// <summary>Options of <see cref="DoReMiPolicy"/> (spec §6.1, Aioli's DoReMi trainer).</summary>
public sealed class DoReMiOptions : MixingPolicyOptions
{
    /// <summary>Step size μ (all Aioli scripts: 0.01; original DoReMi code: 1.0).</summary>
    public double Mu { get; init; } = 0.01;
    /// <summary>Smoothing c: α ← (1 − c)·α + c/m (1e-3 as in the paper and Aioli's code).</summary>
    public double Smoothing { get; init; } = 1e-3;
}

/// <summary>Options of <see cref="SkillItPolicy"/> (spec §6.2).</summary>
public sealed class SkillItOptions : MixingPolicyOptions
{
    /// <summary>Skills graph G[i][e]: effect of training only on group i on the loss of group e (rows = trained group). Required; see <see cref="SkillGraph"/>.</summary>
    public double[][]? Graph { get; init; }
    /// <summary>Step size η (0.2 in all scripts).</summary>
    public double Eta { get; init; } = 0.2;
    /// <summary>Number of recent validation-loss vectors summed (skillit_window, 3).</summary>
    public int Window { get; init; } = 3;
    /// <summary>Steps between updates (500 for m = 2, 3 at S = 5000; 400 for m = 7).</summary>
    public int UpdateSteps { get; init; } = 500;
}

/// <summary>Options of <see cref="DoGEPolicy"/> (spec §1.4 "DoGE").</summary>
public sealed class DoGEOptions : MixingPolicyOptions
{
    /// <summary>μ: log α ← log α + s/μ (0.01 for m = 2, 3; 0.1 for m = 7).</summary>
    public double Mu { get; init; } = 0.01;
    /// <summary>Scores are clipped to [0, ClipMultiple·lr] (5).</summary>
    public double ClipMultiple { get; init; } = 5;
    /// <summary>Added to the mean gradient norm in the score's denominator (1e-6).</summary>
    public double NormEpsilon { get; init; } = 1e-6;
}

/// <summary>
/// Options of <see cref="AioliPolicy"/> (spec §2.1–2.3). Defaults follow the paper's Algorithm 1 (cumulative EGD, no EMA) with
/// the README / A-SE script values: η 0.2, k 4 sweeps, 4-step intervals, 250-step rounds, ε 0.75, A normalised.
/// </summary>
public sealed class AioliOptions : MixingPolicyOptions
{
    /// <summary>η, the EGD step size (--eta; README: 0.1, 0.2 or 0.5).</summary>
    public double Eta { get; init; } = 0.2;
    /// <summary>k, the number of LearnParams sweeps per round (--lp_rounds).</summary>
    public int LpRounds { get; init; } = 4;
    /// <summary>Steps per LearnParams interval (--lp_steps).</summary>
    public int LpSteps { get; init; } = 4;
    /// <summary>S/T, the round length in steps, LearnParams included (--update_steps). Must exceed m·k·lp_steps.</summary>
    public int UpdateSteps { get; init; } = 250;
    /// <summary>Exploration ε of the perturbed mixtures (1 − ε)·1_j + ε/m; 0.75 gives one_hot_factor 0.625 for m = 2.</summary>
    public double Epsilon { get; init; } = 0.75;
    /// <summary>The code's --one_hot_factor (1 − ε + ε/m); when set it overrides <see cref="Epsilon"/>.</summary>
    public double? OneHotFactor { get; init; }
    /// <summary>The released scripts' EMA γ: E^t = (1−γ)Ā^t + γE^{t−1}, p ∝ exp(η·colsum E) (not cumulative). Null = the paper's rule.</summary>
    public double? Ema { get; init; }
    /// <summary>Shift and scale A so that Ā ≥ 0 and ΣĀ = 1 (--aioli_normalize_A; README: always set).</summary>
    public bool NormalizeA { get; init; } = true;
    /// <summary>Aioli-diagonal ablation: A = diag(β_ii / ohf).</summary>
    public bool Diagonal { get; init; }
    /// <summary>Restricted setting: train <see cref="PriorSteps"/> steps on these proportions first, then restart EGD from uniform.</summary>
    public Dictionary<string, double>? Prior { get; init; }
    /// <summary>S_init (--prior_steps); 0 with a prior simply skips the prior phase.</summary>
    public int PriorSteps { get; init; }
}
