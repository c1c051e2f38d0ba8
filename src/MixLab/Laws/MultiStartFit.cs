using MixLab.Numerics;

namespace MixLab.Laws;

/// <summary>The best point of a multi-start fit.</summary>
/// <param name="Search">The minimiser in search space (after the bound transform).</param>
/// <param name="Theta">The minimiser in fit space.</param>
/// <param name="Objective">Summed Huber objective there.</param>
/// <param name="Converged">Whether a tolerance (or the polish reaching machine precision) ended the winning run.</param>
/// <param name="Exit">How the winning run stopped.</param>
/// <param name="Starts">Number of starts tried.</param>
/// <param name="StartsConverged">Number of starts that converged.</param>
public sealed record PointFit(double[] Search, double[] Theta, double Objective, bool Converged, string Exit, int Starts, int StartsConverged);

/// <summary>
/// Step 1 of the fitting protocol (laws.md §3.1): L-BFGS on the summed Huber objective from every start of the law's
/// grid, in parallel; the best objective wins (ties: the earliest start), so the result does not depend on the
/// thread count. Optionally polished by gradient-only BFGS. Used by <see cref="LawFitter"/> and by planners that
/// fit many small laws (CMR).
/// </summary>
public static class MultiStartFit
{
    /// <summary>Fits <paramref name="law"/> with row weights <paramref name="weights"/>; null when no start gives a finite objective.</summary>
    public static PointFit? Run(BoundLaw law, double[] weights, double delta, HuberObjective.Reduction reduction, bool polish,
        int startStride, ParallelOptions parallel, Action<int, int>? progress = null)
    {
        int p = law.Parameters.Count;
        var transform = new ParameterTransform(law.Parameters);
        var starts = law.StartPoints().Where((_, i) => i % Math.Max(1, startStride) == 0).Select(s => transform.ToSearch(s)).ToArray();
        var results = new MinimizationResult?[starts.Length];
        int done = 0;
        Parallel.For(0, starts.Length, parallel,
            () => new HuberObjective(law, weights, delta, transform, reduction),
            (i, _, objective) =>
            {
                results[i] = new QuasiNewtonMinimizer(QuasiNewtonOptions.LimitedMemoryDefaults).Minimize(objective, starts[i]);
                int d = Interlocked.Increment(ref done);
                if (d % 256 == 0 || d == starts.Length) progress?.Invoke(d, starts.Length);
                return objective;
            }, _ => { });
        MinimizationResult? best = null;
        foreach (var r in results)
            if (r is not null && double.IsFinite(r.Value) && (best is null || r.Value < best.Value)) best = r;
        if (best is null) return null;

        var u = best.Minimizer;
        double value = best.Value;
        bool converged = best.Converged;
        var exit = best.Exit;
        if (polish)
        {
            // SciPy's ftol is absolute below f = 1, so fits whose summed loss is tiny (linear residuals of 1e-4) stop
            // early; a gradient-only BFGS run from the winner finishes the job and never raises the objective.
            var options = QuasiNewtonOptions.DenseDefaults with { GradientTolerance = 1e-12, MaxIterations = 200 * p };
            var polished = new QuasiNewtonMinimizer(options).Minimize(new HuberObjective(law, weights, delta, transform, reduction), u);
            if (double.IsFinite(polished.Value) && polished.Value <= value)
            {
                u = polished.Minimizer;
                value = polished.Value;
                if (polished.Converged || polished.Exit == ExitCondition.LineSearchFailed) { converged = true; exit = polished.Exit; }
            }
        }
        var theta = new double[p];
        transform.ToTheta(u, theta);
        return new PointFit(u, theta, value, converged, ExitText(exit), starts.Length, results.Count(r => r is { Converged: true }));
    }

    /// <summary>Short names of exit conditions for outputs.</summary>
    public static string ExitText(ExitCondition exit) => exit switch
    {
        ExitCondition.GradientTolerance => "gradient-tolerance",
        ExitCondition.FunctionTolerance => "function-tolerance",
        ExitCondition.MaxIterations => "max-iterations",
        ExitCondition.MaxEvaluations => "max-evaluations",
        ExitCondition.LineSearchFailed => "precision-loss",
        _ => "non-finite",
    };
}
