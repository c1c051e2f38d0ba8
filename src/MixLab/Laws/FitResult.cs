namespace MixLab.Laws;

/// <summary>One parameter's estimate with its bootstrap standard error and percentile interval.</summary>
public sealed record ParameterEstimate(string Name, double Estimate, double? StandardError, double[]? Interval);

/// <summary>Goodness of fit on the fitted rows and, when rows were held out, on those.</summary>
public sealed record FitMetrics(
    double Objective, double? NegativeLogLikelihood, double? LogSigma,
    int RowsFitted, int RowsHeldOut,
    double RSquared, double MeanAbsoluteError, double RootMeanSquaredError,
    double? HeldOutMeanAbsoluteError, double? HeldOutRSquared);

/// <summary>One row of the residual table.</summary>
public sealed record ResidualRow(int Line, string Group, IReadOnlyList<NamedValue> Features, double Observed, double Predicted, double Residual, bool HeldOut);

/// <summary>The fit of one group of rows (one evaluation domain, by default).</summary>
public sealed record GroupFit(
    string Group,
    IReadOnlyList<ParameterEstimate> Parameters,
    IReadOnlyList<ParameterEstimate> FitParameters,
    FitMetrics Metrics,
    bool Converged,
    string ExitCondition,
    int Starts,
    int StartsConverged,
    bool Degenerate,
    IReadOnlyList<string> Warnings,
    int BootstrapSamples,
    int BootstrapFailures,
    IReadOnlyDictionary<string, double[]> BootstrapDraws,
    double[] Theta);

/// <summary>
/// The result of <c>mixlab fit</c> (DESIGN.md "Fit results"): the law, its formula, the estimator used, each
/// parameter with estimate, SE and bootstrap interval, fit metrics and residuals, per group.
/// </summary>
public sealed record FitResult(
    string Law, string Formula, string Estimator, string EstimatorDescription,
    double Delta, int BootstrapSamples, ulong Seed, double ConfidenceLevel, string? Holdout, bool Polished,
    IReadOnlyList<GroupFit> Groups,
    IReadOnlyList<ResidualRow> Residuals)
{
    /// <summary>True when every group converged.</summary>
    public bool Converged => Groups.All(g => g.Converged);

    /// <summary>True when any group's fit is degenerate.</summary>
    public bool Degenerate => Groups.Any(g => g.Degenerate);

    /// <summary>All groups' parameters; names carry a <c>[group]</c> suffix when there is more than one group.</summary>
    public IReadOnlyList<ParameterEstimate> Parameters =>
        Groups.Count == 1 ? Groups[0].Parameters
        : Groups.SelectMany(g => g.Parameters.Select(p => p with { Name = $"{p.Name}[{g.Group}]" })).ToList();

    /// <summary>Looks up a parameter estimate by name in a single-group fit (or with its [group] suffix).</summary>
    public double Estimate(string name) => Parameters.First(p => p.Name == name).Estimate;
}
