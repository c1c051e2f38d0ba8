namespace MixLab.Numerics;

/// <summary>How the inverse-Hessian approximation is kept.</summary>
public enum QuasiNewtonUpdate
{
    /// <summary>L-BFGS: the last <see cref="QuasiNewtonOptions.History"/> (s, y) pairs, two-loop recursion.</summary>
    LimitedMemory,
    /// <summary>BFGS with a dense n×n inverse Hessian (SciPy's "BFGS"), for small n.</summary>
    Dense,
}

/// <summary>
/// Settings of <see cref="QuasiNewtonMinimizer"/>. Defaults follow SciPy's L-BFGS-B (m = 10,
/// factr = 1e7 so ftol = 1e7·eps, pgtol = 1e-5, 15,000 iterations), because the Chinchilla
/// replication's findings depend on these stopping rules (laws.md §3.1, check V4).
/// </summary>
public sealed record QuasiNewtonOptions
{
    /// <summary>L-BFGS or dense BFGS.</summary>
    public QuasiNewtonUpdate Update { get; init; } = QuasiNewtonUpdate.LimitedMemory;

    /// <summary>Number of (s, y) pairs kept by L-BFGS.</summary>
    public int History { get; init; } = 10;

    /// <summary>Stop after this many iterations.</summary>
    public int MaxIterations { get; init; } = 15_000;

    /// <summary>Stop after this many function evaluations.</summary>
    public int MaxEvaluations { get; init; } = 15_000;

    /// <summary>Stop when ‖∇f‖∞ falls to this value.</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>
    /// Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) falls to this value (SciPy's ftol). The "1" in the
    /// denominator makes the rule absolute for objectives below 1: that is why a mean-reduced Huber objective
    /// stops at once (Epoch's diagnosis of Hoffmann et al.). Set to 0 to disable.
    /// </summary>
    public double RelativeFunctionTolerance { get; init; } = 1e7 * 2.220446049250313e-16;

    /// <summary>
    /// Stop when one iteration lowers f by no more than this fraction of |f| (0 disables). Unlike SciPy's ftol this does
    /// not depend on the scale of f, so it suits refits whose summed loss is far below 1.
    /// </summary>
    public double ScaleFreeFunctionTolerance { get; init; }

    /// <summary>Armijo constant of the strong Wolfe conditions.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>Curvature constant of the strong Wolfe conditions.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>SciPy L-BFGS-B defaults (used for the Hoffmann grid).</summary>
    public static QuasiNewtonOptions LimitedMemoryDefaults { get; } = new();

    /// <summary>SciPy BFGS defaults: dense update, gradient test only (used for Epoch's MLE and bootstrap).</summary>
    public static QuasiNewtonOptions DenseDefaults { get; } = new() { Update = QuasiNewtonUpdate.Dense, RelativeFunctionTolerance = 0 };
}
