namespace MixLab.Numerics;

/// <summary>Why a minimisation stopped.</summary>
public enum ExitCondition
{
    /// <summary>‖∇f‖∞ reached the gradient tolerance.</summary>
    GradientTolerance,
    /// <summary>The relative decrease of f reached the function tolerance.</summary>
    FunctionTolerance,
    /// <summary>The iteration limit was hit before convergence.</summary>
    MaxIterations,
    /// <summary>The evaluation limit was hit before convergence.</summary>
    MaxEvaluations,
    /// <summary>No step along the search direction decreased f (SciPy's "precision loss").</summary>
    LineSearchFailed,
    /// <summary>f or ∇f was NaN or infinite at the start.</summary>
    NonFiniteValue,
}

/// <summary>The outcome of one <see cref="QuasiNewtonMinimizer"/> run.</summary>
/// <param name="Minimizer">The best point found.</param>
/// <param name="Value">f at that point.</param>
/// <param name="Gradient">∇f at that point.</param>
/// <param name="Iterations">Quasi-Newton iterations taken.</param>
/// <param name="Evaluations">Function-and-gradient evaluations taken.</param>
/// <param name="Exit">Why it stopped.</param>
public sealed record MinimizationResult(double[] Minimizer, double Value, double[] Gradient, int Iterations, int Evaluations, ExitCondition Exit)
{
    /// <summary>True when a tolerance, not a limit or a failure, ended the run.</summary>
    public bool Converged => Exit is ExitCondition.GradientTolerance or ExitCondition.FunctionTolerance;

    /// <summary>‖∇f‖∞ at the minimiser.</summary>
    public double GradientNorm => Gradient.Length == 0 ? 0 : Gradient.Max(Math.Abs);
}
