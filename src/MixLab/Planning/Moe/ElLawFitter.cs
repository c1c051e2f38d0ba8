using System.Globalization;
using MixLab.Laws;
using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Planning.Moe;

/// <summary>The dense loss-compute curve L(C) = α·C^(−β) (the EL paper's per-architecture form, §3.3).</summary>
public sealed record DenseLossCurve(double Alpha, double Beta, double RSquared, double MinLoss, double MaxLoss)
{
    /// <summary>L at compute C.</summary>
    public double Loss(double compute) => Alpha * Math.Pow(compute, -Beta);

    /// <summary>The compute at which the dense curve reaches loss L (the iso-loss compute).</summary>
    public double ComputeFor(double loss) => Math.Pow(loss / Alpha, -1 / Beta);
}

/// <summary>One MoE run's measured leverage: the dense compute at its loss over its own compute.</summary>
public sealed record ElPoint(string Run, int Line, double Compute, double Loss, double Activation, double Granularity, double DenseCompute, double El, bool Extrapolated);

/// <summary>The refit: the dense curve, every MoE run's EL, and the EL law fitted to them beside the paper's.</summary>
public sealed record ElFitResult(DenseLossCurve Dense, IReadOnlyList<ElPoint> Points, EfficiencyLeverageLaw Fitted, double RSquaredLogEl,
    bool Converged, bool Degenerate, IReadOnlyList<string> Warnings)
{
    /// <summary>Each coefficient (and the optimal G) with its bootstrap SE and percentile interval.</summary>
    public IReadOnlyList<Laws.ParameterEstimate> Coefficients { get; init; } = [];
    /// <summary>Per point: kept out of the fit for validation.</summary>
    public IReadOnlyList<bool> HeldOut { get; init; } = [];
    /// <summary>Mean |EL_predicted / EL_measured − 1| on the held-out points, if any.</summary>
    public double? HeldOutRelativeError { get; init; }
    /// <summary>The separable laws (Eqs. 10–12) fitted slice by slice.</summary>
    public IReadOnlyList<SeparableElFit> Separable { get; init; } = [];
}

/// <summary>Options of the EL refit.</summary>
/// <param name="BootstrapSamples">Resamples of the MoE runs for coefficient intervals (0 for none).</param>
/// <param name="Seed">Seed of the resampling.</param>
/// <param name="ConfidenceLevel">Level of the intervals.</param>
/// <param name="ValidateAbove">Keep runs with measured EL at or above this out of the fit and report the error on them (the paper used 6).</param>
/// <param name="Threads">Worker threads; null for all cores.</param>
public sealed record ElFitOptions(int BootstrapSamples = 200, ulong Seed = 42, double ConfidenceLevel = 0.95, double? ValidateAbove = null, int? Threads = null);

/// <summary>
/// Refits the EL law family from a team's own runs (arXiv 2507.17702 §3–4): fit the dense loss-compute curve
/// L = α·C^(−β) on the dense runs, read each MoE run's iso-loss dense compute off it (EL = C_dense / C_moe), and fit the
/// joint law of Eq. 13 to those EL values with the summed Huber loss and multi-start quasi-Newton (the paper fits with
/// Huber and BFGS).
/// </summary>
public static class ElLawFitter
{
    /// <summary>Column with the routed activation ratio E_a/E, if the table gives it directly.</summary>
    public const string ActivationColumn = "activation_ratio";
    /// <summary>Column with the number of routed experts chosen per token.</summary>
    public const string ActiveExpertsColumn = "active_experts";

    /// <summary>Fits from a run-log table with columns flops, loss, experts (0 or 1 for dense), granularity and an activation.</summary>
    public static ElFitResult Fit(RunLogTable table, EfficiencyLeverageLaw template, CancellationToken cancel = default) =>
        Fit(table, template, new ElFitOptions(), cancel);

    /// <summary>Fits with bootstrap intervals and an optional high-EL validation set.</summary>
    public static ElFitResult Fit(RunLogTable table, EfficiencyLeverageLaw template, ElFitOptions options, CancellationToken cancel = default)
    {
        var flops = table.Positive(RunLogColumns.Flops);
        var loss = table.Positive(RunLogColumns.Loss);
        var experts = table.Numeric(RunLogColumns.Experts);
        var runs = table.TextOrDefault(RunLogColumns.Run, "");
        var dense = Enumerable.Range(0, table.RowCount).Where(i => experts[i] <= 1).ToArray();
        var moe = Enumerable.Range(0, table.RowCount).Where(i => experts[i] > 1).ToArray();
        if (dense.Length < 3)
            throw new RunLogException(table.File, null, RunLogColumns.Experts, $"{dense.Length} dense runs (experts 0 or 1); the dense loss-compute curve needs at least 3");
        if (moe.Length < 6)
            throw new RunLogException(table.File, null, RunLogColumns.Experts, $"{moe.Length} MoE runs; refitting the 5-parameter EL law needs at least 6");

        var activation = Activation(table, experts, moe);
        var granularity = table.Has(RunLogColumns.Granularity) ? table.Text(RunLogColumns.Granularity) : throw new RunLogException(table.File, 1, RunLogColumns.Granularity, "no such column: MoE runs need their granularity G = 2 d_model / d_expert");
        var g = new double[table.RowCount];
        foreach (int i in moe)
        {
            if (!double.TryParse(granularity[i], NumberStyles.Float, CultureInfo.InvariantCulture, out g[i]) || !(g[i] > 0))
                throw new RunLogException(table.File, table.Lines[i], RunLogColumns.Granularity, $"'{granularity[i]}' is not a positive granularity");
        }

        var curve = FitDense(dense.Select(i => flops[i]).ToArray(), dense.Select(i => loss[i]).ToArray());
        var warnings = new List<string>();
        if (!(curve.Beta > 0)) throw new RunLogException(table.File, null, RunLogColumns.Loss, $"the dense runs' loss does not fall with compute (beta = {curve.Beta:G3}); EL needs a decreasing dense curve");
        var points = moe.Select(i =>
        {
            double dc = curve.ComputeFor(loss[i]);
            bool outside = loss[i] < curve.MinLoss || loss[i] > curve.MaxLoss;
            return new ElPoint(runs[i], table.Lines[i], flops[i], loss[i], activation[i], g[i], dc, dc / flops[i], outside);
        }).ToList();
        int extrapolated = points.Count(p => p.Extrapolated);
        if (extrapolated > 0) warnings.Add($"{extrapolated} MoE run(s) reach losses outside the dense runs' range: their EL extrapolates the dense curve");

        // Like the paper (Fig. 9), points with a measured EL at or above the threshold can be kept out of the fit to test
        // how the law extrapolates to high leverage.
        var heldOut = points.Select(p => options.ValidateAbove is double cut && p.El >= cut).ToArray();
        var weights = heldOut.Select(h => h ? 0.0 : 1.0).ToArray();
        if (weights.Sum() < 6)
            throw new RunLogException(table.File, null, RunLogColumns.Experts, $"{weights.Sum()} MoE runs left to fit after holding out EL ≥ {options.ValidateAbove}; the EL law needs at least 6");
        var law = new ElLawBound(points.Select(p => p.Activation).ToArray(), points.Select(p => p.Granularity).ToArray(),
            points.Select(p => p.Compute).ToArray(), points.Select(p => p.El).ToArray(), template);
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        var fit = MultiStartFit.Run(law, weights, 1e-3, HuberObjective.Reduction.Sum, polish: true, 1, parallel)
                  ?? throw new RunLogException(table.File, null, null, "the EL law objective is not finite at any start");
        var transform = new ParameterTransform(law.Parameters);
        var problems = DegeneracyCheck.Find(law, transform, fit.Theta, law.Report(fit.Theta), weights);
        warnings.AddRange(problems);
        var fitted = template with { A = fit.Theta[0], D = fit.Theta[1], Gamma = fit.Theta[2], Beta = fit.Theta[3], AStart = Math.Exp(fit.Theta[4]) };
        var predicted = Enumerable.Range(0, points.Count).Select(i => law.PredictLoss(fit.Theta, i)).ToArray();
        var fitRows = Enumerable.Range(0, points.Count).Where(i => !heldOut[i]).ToArray();
        double mean = fitRows.Average(i => law.Target[i]);
        double r2 = 1 - fitRows.Sum(i => Math.Pow(law.Target[i] - predicted[i], 2)) / fitRows.Sum(i => Math.Pow(law.Target[i] - mean, 2));
        var heldRows = Enumerable.Range(0, points.Count).Where(i => heldOut[i]).ToArray();
        double? heldOutError = heldRows.Length > 0 ? heldRows.Average(i => Math.Abs(Math.Exp(predicted[i]) / points[i].El - 1)) : null;

        // Bootstrap: resample the fitted MoE runs, refit from the estimate (the dense curve is kept fixed).
        var draws = new double[options.BootstrapSamples][];
        Parallel.For(0, options.BootstrapSamples, parallel, b =>
        {
            var rng = new SeededRandom(options.Seed, (ulong)b);
            var w = new double[points.Count];
            for (int k = 0; k < fitRows.Length; k++) w[fitRows[rng.NextInt(fitRows.Length)]] += 1;
            var objective = new HuberObjective(law, w, 1e-3, transform);
            var r = new QuasiNewtonMinimizer(QuasiNewtonOptions.DenseDefaults with { GradientTolerance = 1e-12, ScaleFreeFunctionTolerance = 1e-10, MaxIterations = 1000 })
                .Minimize(objective, fit.Search);
            if (!double.IsFinite(r.Value)) return;
            var theta = new double[5];
            transform.ToTheta(r.Minimizer, theta);
            var law2 = template with { A = theta[0], D = theta[1], Gamma = theta[2], Beta = theta[3], AStart = Math.Exp(theta[4]) };
            draws[b] = [theta[0], theta[1], theta[2], theta[3], Math.Exp(theta[4]), law2.OptimalGranularity];
        });
        var ok = draws.Where(d => d is not null).ToArray();
        string[] names = ["a", "d", "gamma", "beta", "A_start", "optimal_granularity"];
        double[] estimates = [fitted.A, fitted.D, fitted.Gamma, fitted.Beta, fitted.AStart, fitted.OptimalGranularity];
        var intervals = names.Select((n, k) =>
        {
            var sorted = ok.Select(d => d[k]).Where(double.IsFinite).Order().ToArray();
            double tail = (1 - options.ConfidenceLevel) / 2;
            return sorted.Length < 2
                ? new ParameterEstimate(n, estimates[k], null, null)
                : new ParameterEstimate(n, estimates[k], StandardDeviation(sorted), [LawFitter.Percentile(sorted, tail), LawFitter.Percentile(sorted, 1 - tail)]);
        }).ToList();
        return new ElFitResult(curve, points, fitted, r2, fit.Converged, problems.Count > 0, warnings)
        {
            Coefficients = intervals,
            HeldOut = heldOut,
            HeldOutRelativeError = heldOutError,
            Separable = IntermediateElLaws.Fit(points, fitted),
        };
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double[] Activation(RunLogTable table, double[] experts, int[] moe)
    {
        var a = new double[table.RowCount];
        if (table.Has(ActivationColumn))
        {
            var text = table.Text(ActivationColumn);
            foreach (int i in moe)
                if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out a[i]) || !(a[i] > 0 && a[i] <= 1))
                    throw new RunLogException(table.File, table.Lines[i], ActivationColumn, $"'{text[i]}' is not an activation ratio in (0, 1]");
            return a;
        }
        if (!table.Has(ActiveExpertsColumn))
            throw new RunLogException(table.File, 1, ActivationColumn, $"MoE runs need '{ActivationColumn}' (E_a/E) or '{ActiveExpertsColumn}' with '{RunLogColumns.Experts}'");
        var active = table.Text(ActiveExpertsColumn);
        foreach (int i in moe)
        {
            if (!double.TryParse(active[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double ea) || !(ea > 0) || ea > experts[i])
                throw new RunLogException(table.File, table.Lines[i], ActiveExpertsColumn, $"'{active[i]}' active experts is not between 1 and experts ({experts[i]})");
            a[i] = ea / experts[i];
        }
        return a;
    }

    /// <summary>Least squares of log L = log α − β log C.</summary>
    internal static DenseLossCurve FitDense(double[] compute, double[] loss)
    {
        var x = compute.Select(c => Math.Log(c)).ToArray();
        var y = loss.Select(l => Math.Log(l)).ToArray();
        double mx = x.Average(), my = y.Average();
        double sxx = x.Sum(v => (v - mx) * (v - mx)), sxy = x.Select((v, i) => (v - mx) * (y[i] - my)).Sum();
        double slope = sxy / sxx, intercept = my - slope * mx;
        double ssTot = y.Sum(v => (v - my) * (v - my));
        double ssRes = y.Select((v, i) => v - (intercept + slope * x[i])).Sum(r => r * r);
        return new DenseLossCurve(Math.Exp(intercept), -slope, ssTot > 0 ? 1 - ssRes / ssTot : double.NaN, loss.Min(), loss.Max());
    }
}
