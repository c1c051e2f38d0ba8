using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Laws;

/// <summary>Progress of a fit, for a progress bar: which phase, how many units done out of how many.</summary>
public readonly record struct FitProgress(string Group, string Phase, int Done, int Total);

/// <summary>
/// Fits a law to a run-log table with the protocol of laws.md §3: summed Huber loss on log (or linear) residuals,
/// L-BFGS from every point of the law's start grid with the best objective winning, optionally Epoch's
/// Huber-likelihood estimate on top, a seeded parallel bootstrap for standard errors and percentile intervals,
/// held-out metrics, and explicit convergence and degeneracy flags. Results do not depend on the thread count.
/// </summary>
public static class LawFitter
{
    /// <summary>Fits every group of <paramref name="table"/>.</summary>
    public static FitResult Fit(RunLogTable table, FitRequest request, CancellationToken cancel = default, IProgress<FitProgress>? progress = null)
    {
        foreach (var column in request.Law.RequiredColumns(table, request.LawOptions))
            table.Numeric(column); // names the file, line and column of the first bad cell
        var groups = SplitGroups(table, request.GroupBy);
        // Bind every group before fitting any, so a bad cell anywhere is reported before work starts.
        var bound = groups.Select(g =>
        {
            var sub = table.Select(g.Rows);
            var law = request.Law.Bind(sub, request.LawOptions, g.Name);
            if (law.RowCount < law.Parameters.Count)
                throw new RunLogException(table.File, null, null,
                    $"group '{g.Name}': {law.RowCount} rows but the {request.Law.Name} law has {law.Parameters.Count} parameters; it needs at least {law.Parameters.Count} rows");
            return (g.Name, Table: sub, Law: law);
        }).ToList();
        var fits = new List<GroupFit>();
        var residuals = new List<ResidualRow>();
        foreach (var (name, sub, law) in bound)
        {
            var (fit, groupResiduals) = FitGroup(sub, law, name, request, cancel, progress);
            fits.Add(fit);
            residuals.AddRange(groupResiduals);
        }
        string description = request.Estimator == Estimator.Mle
            ? "Huber-likelihood MLE with fitted scale sigma (Epoch AI's headline estimate), started from the best Huber-loss fit"
            : "minimum summed Huber loss over the start grid (Hoffmann et al. Approach 3; Epoch AI 'replicate exactly')";
        return new FitResult(request.Law.Name, request.Law.Formula, request.Estimator.ToString().ToLowerInvariant(), description,
            request.Delta, request.BootstrapSamples, request.Seed, request.ConfidenceLevel, request.Holdout?.ToString(), request.Polish, fits, residuals);
    }

    private static List<(string Name, int[] Rows)> SplitGroups(RunLogTable table, string? groupBy)
    {
        if (groupBy is null || !table.Has(groupBy)) return [("all", Enumerable.Range(0, table.RowCount).ToArray())];
        var keys = table.TextOrDefault(groupBy, "all");
        return keys.Select((k, i) => (k, i)).GroupBy(x => x.k, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => x.i).ToArray())).ToList();
    }

    private static (GroupFit, List<ResidualRow>) FitGroup(RunLogTable table, BoundLaw law, string group, FitRequest request, CancellationToken cancel, IProgress<FitProgress>? progress)
    {
        int p = law.Parameters.Count;
        var heldOut = ChooseHoldout(law, request, table);
        var weights = heldOut.Select(h => h ? 0.0 : 1.0).ToArray();
        int fitted = weights.Count(w => w > 0);
        if (fitted < p)
            throw new RunLogException(table.File, null, null,
                $"group '{group}': {fitted} rows to fit but the {request.Law.Name} law has {p} parameters; it needs at least {p} rows");

        var transform = new ParameterTransform(law.Parameters);
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = request.Threads ?? Environment.ProcessorCount };
        var warnings = new List<string>();

        // 1. Multi-start L-BFGS on the summed Huber objective, polished (see MultiStartFit).
        var point = MultiStartFit.Run(law, weights, request.Delta, request.Reduction, request.Polish, request.StartStride, parallel,
                        (d, total) => progress?.Report(new FitProgress(group, "starts", d, total)))
                    ?? throw new RunLogException(table.File, null, null, $"group '{group}': the objective is not finite at any start");
        var uHat = point.Search;
        double objectiveValue = point.Objective;
        bool converged = point.Converged;
        string exit = point.Exit;
        if (!converged) warnings.Add($"the best start stopped without converging ({exit})");

        // 2. Optional Huber-likelihood estimate (Epoch AI), from the best Huber fit.
        double? nll = null, logSigma = null;
        if (request.Estimator == Estimator.Mle)
        {
            var likelihood = new HuberLikelihoodObjective(law, weights, request.Delta, transform);
            var x0 = uHat.Append(likelihood.ProfileLogSigma(uHat)).ToArray();
            var mle = new QuasiNewtonMinimizer(QuasiNewtonOptions.DenseDefaults with { MaxIterations = 200 * x0.Length }).Minimize(likelihood, x0);
            uHat = mle.Minimizer[..p];
            nll = mle.Value;
            logSigma = mle.Minimizer[p];
            exit = MultiStartFit.ExitText(mle.Exit);
            if (mle.Exit == ExitCondition.LineSearchFailed)
                warnings.Add("BFGS on the likelihood stopped on precision loss, as in Epoch AI's notebook: the Huber likelihood is nearly non-smooth at its optimum");
            else if (!mle.Converged) { converged = false; warnings.Add($"the likelihood maximisation stopped without converging ({exit})"); }
            objectiveValue = new HuberObjective(law, weights, request.Delta, transform, request.Reduction).Evaluate(uHat, new double[p]);
        }

        var thetaHat = new double[p];
        transform.ToTheta(uHat, thetaHat);
        var reported = law.Report(thetaHat);

        // 3. Bootstrap: resample the fitted rows with replacement (as multiplicity weights), refit from the estimate
        //    with BFGS as Epoch AI do. SciPy's gradient and function tolerances are absolute, so a refit that starts at
        //    its neighbour's optimum would stop at once when the summed loss is small (Epoch's finding about Hoffmann
        //    et al., in another guise); here the gradient tolerance is tight and the function test relative to f.
        var bootstrapOptions = QuasiNewtonOptions.DenseDefaults with { GradientTolerance = 1e-12, ScaleFreeFunctionTolerance = 1e-10, MaxIterations = 200 * p };
        int samples = request.BootstrapSamples;
        var drawsReported = new double[samples][];
        var drawsTheta = new double[samples][];
        var fitRows = Enumerable.Range(0, law.RowCount).Where(i => weights[i] > 0).ToArray();
        int done = 0;
        Parallel.For(0, samples, parallel, b =>
        {
            var rng = new SeededRandom(request.Seed, (ulong)b);
            var w = new double[law.RowCount];
            for (int k = 0; k < fitRows.Length; k++) w[fitRows[rng.NextInt(fitRows.Length)]] += 1;
            var objective = new HuberObjective(law, w, request.Delta, transform, request.Reduction);
            var r = new QuasiNewtonMinimizer(bootstrapOptions).Minimize(objective, uHat);
            if (double.IsFinite(r.Value) && r.Exit != ExitCondition.NonFiniteValue)
            {
                var theta = new double[p];
                transform.ToTheta(r.Minimizer, theta);
                var values = law.Report(theta).Select(v => v.Value).ToArray();
                if (values.All(double.IsFinite)) { drawsReported[b] = values; drawsTheta[b] = theta; }
            }
            int d = Interlocked.Increment(ref done);
            if (d % 256 == 0 || d == samples) progress?.Report(new FitProgress(group, "bootstrap", d, samples));
        });
        var okReported = drawsReported.Where(d => d is not null).ToArray();
        var okTheta = drawsTheta.Where(d => d is not null).ToArray();
        int failures = samples - okReported.Length;
        if (failures > 0) warnings.Add($"{failures} of {samples} bootstrap refits failed and were left out");

        var draws = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var parameters = reported.Select((v, k) =>
        {
            var column = okReported.Select(d => d[k]).ToArray();
            draws[v.Name] = column;
            return Summarise(v.Name, v.Value, column, request.ConfidenceLevel);
        }).ToList();
        var fitParameters = law.Parameters.Select((par, k) =>
            Summarise(par.Name, thetaHat[k], okTheta.Select(d => d[k]).ToArray(), request.ConfidenceLevel)).ToList();
        if (logSigma is { } ls) fitParameters.Add(new ParameterEstimate("log_sigma", ls, null, null));

        // 4. Metrics and residuals in loss units.
        var predicted = Enumerable.Range(0, law.RowCount).Select(i => law.PredictLoss(thetaHat, i)).ToArray();
        var metrics = Metrics(law, predicted, heldOut, objectiveValue, nll, logSigma);
        var residuals = Enumerable.Range(0, law.RowCount).Select(i => new ResidualRow(
            table.Lines[i], group, law.Features(i), law.Observed[i], predicted[i],
            law.Space == ResidualSpace.Log ? Math.Log(predicted[i]) - law.Target[i] : predicted[i] - law.Target[i], heldOut[i])).ToList();

        // 5. Degeneracy: bounds hit, divergence, or parameters the rows cannot identify.
        var degenerate = DegeneracyCheck.Find(law, transform, thetaHat, reported, weights);
        warnings.AddRange(degenerate);
        if (!predicted.All(double.IsFinite)) { converged = false; warnings.Add("predictions are not finite at the estimate"); }

        var fit = new GroupFit(group, parameters, fitParameters, metrics, converged, exit, point.Starts, point.StartsConverged,
            degenerate.Count > 0, warnings, samples, failures, draws, thetaHat);
        return (fit, residuals);
    }

    private static bool[] ChooseHoldout(BoundLaw law, FitRequest request, RunLogTable table)
    {
        var held = new bool[law.RowCount];
        if (request.Holdout is not { } spec) return held;
        if (spec.Largest is int k)
        {
            var scale = law.Scale ?? throw new RunLogException(table.File, null, null, $"--holdout largest:{k}: the {request.Law.Name} law has no scale to rank rows by; use fraction:F");
            var cut = scale.Distinct().OrderByDescending(v => v).Take(k).ToHashSet();
            for (int i = 0; i < held.Length; i++) held[i] = cut.Contains(scale[i]);
        }
        else if (spec.Fraction is double f)
        {
            var rng = new SeededRandom(request.Seed, ulong.MaxValue);
            var order = Enumerable.Range(0, held.Length).Select(i => (i, key: rng.NextDouble())).OrderBy(x => x.key).Select(x => x.i).ToArray();
            int count = (int)Math.Round(f * held.Length);
            foreach (int i in order.Take(count)) held[i] = true;
        }
        return held;
    }

    private static ParameterEstimate Summarise(string name, double estimate, double[] draws, double level)
    {
        if (draws.Length < 2) return new ParameterEstimate(name, estimate, null, null);
        double mean = draws.Average();
        double se = Math.Sqrt(draws.Sum(v => (v - mean) * (v - mean)) / (draws.Length - 1));
        var sorted = draws.Order().ToArray();
        double tail = (1 - level) / 2;
        return new ParameterEstimate(name, estimate, se, [Percentile(sorted, tail), Percentile(sorted, 1 - tail)]);
    }

    /// <summary>Percentile with linear interpolation between order statistics (NumPy's default).</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static FitMetrics Metrics(BoundLaw law, double[] predicted, bool[] heldOut, double objective, double? nll, double? logSigma)
    {
        (double r2, double mae, double rmse, int n) Score(bool wantHeld)
        {
            var idx = Enumerable.Range(0, law.RowCount).Where(i => heldOut[i] == wantHeld).ToArray();
            if (idx.Length == 0) return (double.NaN, double.NaN, double.NaN, 0);
            double mean = idx.Average(i => law.Observed[i]);
            double ssRes = idx.Sum(i => Math.Pow(law.Observed[i] - predicted[i], 2));
            double ssTot = idx.Sum(i => Math.Pow(law.Observed[i] - mean, 2));
            double mae = idx.Average(i => Math.Abs(law.Observed[i] - predicted[i]));
            return (ssTot > 0 ? 1 - ssRes / ssTot : double.NaN, mae, Math.Sqrt(ssRes / idx.Length), idx.Length);
        }
        var train = Score(false);
        var held = Score(true);
        return new FitMetrics(objective, nll, logSigma, train.n, held.n, train.r2, train.mae, train.rmse,
            held.n > 0 ? held.mae : null, held.n > 1 && double.IsFinite(held.r2) ? held.r2 : null);
    }
}
