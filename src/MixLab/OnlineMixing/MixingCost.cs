namespace MixLab.OnlineMixing;

/// <summary>
/// Cost bookkeeping of a policy (Aioli spec §2.4 and §7 F): all step counts are inside the run's budget; only
/// <see cref="ExtraRuns"/> counts work outside it (Table 2's "# extra runs").
/// </summary>
/// <param name="TrainingSteps">All optimizer steps acknowledged, perturbation steps included.</param>
/// <param name="PerturbationSteps">Steps trained on perturbed mixtures (Aioli LearnParams).</param>
/// <param name="ValidationPasses">Full validation passes requested.</param>
/// <param name="ReferenceSteps">Steps that needed a reference-model forward pass (DoReMi).</param>
/// <param name="GradientSteps">Steps that needed per-domain gradients (DoGE).</param>
/// <param name="Updates">Proportion updates applied.</param>
/// <param name="SkippedUpdates">Updates skipped because of non-finite feedback.</param>
/// <param name="ExtraRuns">Full-length runs the method needs outside this one (spec §1.4 table).</param>
public sealed record MixingCost(
    long TrainingSteps,
    long PerturbationSteps,
    long ValidationPasses,
    long ReferenceSteps,
    long GradientSteps,
    long Updates,
    long SkippedUpdates,
    string ExtraRuns);
