namespace MixLab.OnlineMixing;

/// <summary>What a <see cref="MixingDecision"/> is for.</summary>
public enum MixingDecisionKind
{
    /// <summary>Ordinary training on the policy's mixture.</summary>
    Train,
    /// <summary>Training on a perturbed mixture to learn the mixing law (Aioli LearnParams interval, spec §2.2); these steps count inside the run's budget.</summary>
    Perturb,
    /// <summary>No training (<see cref="MixingDecision.Steps"/> is 0): only the requested feedback, e.g. a validation pass.</summary>
    Evaluate,
}

/// <summary>What the trainer must report back in <see cref="MixingFeedback"/> after carrying out a decision.</summary>
[Flags]
public enum MixingFeedbackKind
{
    /// <summary>Nothing but the acknowledgement.</summary>
    None = 0,
    /// <summary>Per-domain loss on the full validation set, measured after the decision's steps.</summary>
    ValidationLosses = 1,
    /// <summary>Per-domain mean training loss of the step's batch (<see cref="MixingFeedback.TrainingLosses"/>, with <see cref="MixingFeedback.Present"/>).</summary>
    TrainingLosses = 2,
    /// <summary>Per-domain loss of the reference model on the same batch (DoReMi, spec §6.1).</summary>
    ReferenceLosses = 4,
    /// <summary>Per-domain alignment of training gradients with the validation gradient, plus their norms and the learning rate (DoGE, spec §1.4).</summary>
    GradientAlignment = 8,
}

/// <summary>
/// One instruction from a policy to a trainer: train <see cref="Steps"/> optimizer steps sampling the data groups with
/// <see cref="Proportions"/> (i.i.d. or with <see cref="StratifiedSampler"/>), weighting per-domain losses by
/// <see cref="LossWeights"/> when given, then report <see cref="Feedback"/>.
/// </summary>
/// <param name="Kind">Training, perturbation or evaluation only.</param>
/// <param name="Proportions">Sampling proportions, on the simplex, in <see cref="IMixingPolicy.Domains"/> order.</param>
/// <param name="Steps">Optimizer steps to train (0 for <see cref="MixingDecisionKind.Evaluate"/>).</param>
/// <param name="Feedback">What to report afterwards.</param>
/// <param name="LossWeights">Per-domain weights of the training loss (DoReMi, DoGE: Σ α_i ℓ_i); null means the plain batch mean.</param>
/// <param name="Note">A short human-readable label (e.g. "aioli round 3 sweep 2/8: one-hot arxiv").</param>
public sealed record MixingDecision(
    MixingDecisionKind Kind,
    IReadOnlyList<double> Proportions,
    int Steps,
    MixingFeedbackKind Feedback,
    IReadOnlyList<double>? LossWeights = null,
    string? Note = null);
