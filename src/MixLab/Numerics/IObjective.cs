namespace MixLab.Numerics;

/// <summary>
/// A smooth function f: R^n -> R with its analytic gradient, the input of <see cref="QuasiNewtonMinimizer"/>.
/// Implementations must be safe to call from one thread at a time; make one instance per thread.
/// </summary>
public interface IObjective
{
    /// <summary>Number of variables n.</summary>
    int Dimension { get; }

    /// <summary>Returns f(x) and writes ∇f(x) into <paramref name="gradient"/> (length n).</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);
}
