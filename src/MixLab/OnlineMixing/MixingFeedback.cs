namespace MixLab.OnlineMixing;

/// <summary>
/// The trainer's report on one <see cref="MixingDecision"/>. Only the fields the decision asked for are read; every
/// per-domain array is in <see cref="IMixingPolicy.Domains"/> order. Non-finite losses are not errors: the policy
/// skips that update, keeps its last proportions and adds a warning.
/// </summary>
public sealed record MixingFeedback
{
    /// <summary>Per-domain validation loss after the decision's steps (<see cref="MixingFeedbackKind.ValidationLosses"/>).</summary>
    public double[]? ValidationLosses { get; init; }

    /// <summary>Per-domain mean training loss of the batch (<see cref="MixingFeedbackKind.TrainingLosses"/>).</summary>
    public double[]? TrainingLosses { get; init; }

    /// <summary>Per-domain mean loss of the reference model on the same batch (<see cref="MixingFeedbackKind.ReferenceLosses"/>).</summary>
    public double[]? ReferenceLosses { get; init; }

    /// <summary>Which domains had samples in the batch; null means all. Absent domains' losses are ignored.</summary>
    public bool[]? Present { get; init; }

    /// <summary>
    /// DoGE: per training domain j, ⟨∇L^train_j, ∇L^val⟩ with both gradients clipped to norm ≤ 1, where L^val is the mean
    /// validation loss over the groups. Give this or <see cref="GradientProducts"/>.
    /// </summary>
    public double[]? GradientAlignment { get; init; }

    /// <summary>DoGE: the full matrix A_ij = ⟨∇L^val_i, ∇L^train_j⟩ (rows = validation groups); its column means are the alignment.</summary>
    public double[][]? GradientProducts { get; init; }

    /// <summary>DoGE: per training domain, ‖∇L^train_j‖ (after clipping).</summary>
    public double[]? GradientNorms { get; init; }

    /// <summary>DoGE: the learning rate of the step.</summary>
    public double? LearningRate { get; init; }
}
