using MixLab.Numerics;

namespace MixLab.Multiplicity;

/// <summary>Settings of a predictive-multiplicity analysis.</summary>
public sealed record MultiplicityOptions
{
    /// <summary>L2 penalty λ on the non-intercept weights (0: none).</summary>
    public double Lambda { get; init; }
    /// <summary>Level-set gaps ε; absolute gaps in the mean loss unless <see cref="RelativeEpsilon"/>.</summary>
    public IReadOnlyList<double> Epsilons { get; init; } = [0.01];
    /// <summary>Read ε as a fraction of L0 (ε_abs = ε·L0).</summary>
    public bool RelativeEpsilon { get; init; }
    /// <summary>Conflict size δ of probabilistic ambiguity and discrepancy (a change of at least δ counts).</summary>
    public double Delta { get; init; } = 0.1;
    /// <summary>Decision threshold τ of the thresholded measures (a decision flips when lo &lt; τ ≤ hi).</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>Compute the discrepancy lower bound from the 2n extremal models (O(n²d); skipped above this many rows).</summary>
    public int DiscrepancyRowLimit { get; init; } = 20_000;
    /// <summary>Rows on which the small-ε approximation is compared with the exact ranges.</summary>
    public int ApproximationSample { get; init; } = 200;
    /// <summary>Worker threads; null for all cores.</summary>
    public int? Threads { get; init; }
    /// <summary>Solve every point with the per-point path solver instead of the batched one (for tests and comparisons).</summary>
    internal bool PerPointOnly { get; init; }
}

/// <summary>Summary measures of one ε.</summary>
public sealed record EpsilonSummary(
    double Epsilon, double EpsilonAbsolute, double MeanWidth, double MedianWidth, double MaxWidth,
    double ShareWidthAtLeast01, double ShareWidthAtLeast02, double ShareWidthAtLeast05,
    double Ambiguity, double? DiscrepancyLowerBound, double ThresholdAmbiguity, double? ThresholdDiscrepancyLowerBound,
    double MaxApproximationError, IReadOnlyDictionary<string, GroupSummary> Groups);

/// <summary>Measures of one group at one ε.</summary>
public sealed record GroupSummary(int Rows, double MeanWidth, double Ambiguity, double ThresholdAmbiguity);

/// <summary>The full result: the baseline model, every point's range at every ε, and the summaries.</summary>
public sealed record MultiplicityResult(LogisticModel Model, MultiplicityOptions Options, IReadOnlyList<PredictionRange[]> Ranges, IReadOnlyList<EpsilonSummary> Summaries)
{
    /// <summary>Wall seconds of the range computation alone (all points, all ε), without reading, fitting and summaries.</summary>
    public double RangesSeconds { get; init; }
}

/// <summary>
/// Predictive multiplicity of logistic regression (Watson-Daniels, Parkes, Ustun, arXiv 2206.01131): fits h0, computes every
/// point's exact viable prediction range over the ε-level set for each ε, and the measures built on them — probabilistic
/// ambiguity (share of points some competing model moves by at least δ), a lower bound on probabilistic discrepancy (the best
/// of the 2n extremal models), their thresholded versions at τ, and per-group summaries. Points run in parallel; results do
/// not depend on the thread count.
/// </summary>
public static class MultiplicityAnalysis
{
    /// <summary>Runs the analysis.</summary>
    public static MultiplicityResult Run(LogisticData data, MultiplicityOptions o, CancellationToken cancel = default, IProgress<(int Done, int Total)>? progress = null)
    {
        if (o.Epsilons.Count == 0 || o.Epsilons.Any(e => !(e > 0))) throw new ArgumentException("every epsilon must be positive");
        var model = LogisticRegressionFit.Fit(data, o.Lambda);
        var absolute = o.Epsilons.Select(e => o.RelativeEpsilon ? e * model.Loss : e).ToArray();
        var order = Enumerable.Range(0, absolute.Length).OrderBy(k => absolute[k]).ToArray();
        var sorted = order.Select(k => absolute[k]).ToArray();

        int d = data.Columns;
        var h = new double[d * d];
        LogisticLoss.ValueGradientHessian(data, o.Lambda, model.Weights, new double[d], h);
        var h0 = new DenseCholesky(d);
        if (!h0.Factor(h)) throw new SeparableDataException("the Hessian at the fitted model is singular (collinear or constant columns); drop them or give a positive --lambda");

        int n = data.Rows;
        bool keepExtremes = n <= o.DiscrepancyRowLimit;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (uniqueRanges, uniqueExtremes, rows) = o.PerPointOnly
            ? PerPoint(data, model, o, h0, sorted, keepExtremes, null, null, cancel, progress)
            : Batched(data, model, o, h0, sorted, keepExtremes, cancel, progress);
        double rangesSeconds = clock.Elapsed.TotalSeconds;
        var ranges = new PredictionRange[n][];
        var extremes = new double[n][][][];   // [point][ε in ascending order][min, max] → weights
        for (int i = 0; i < n; i++)
        {
            int u = rows?.RowToUnique[i] ?? i;
            var inOrder = new PredictionRange[absolute.Length];
            for (int k = 0; k < order.Length; k++) inOrder[order[k]] = uniqueRanges[u][k];
            ranges[i] = inOrder;
            if (keepExtremes) extremes[i] = uniqueExtremes[u];
        }
        progress?.Report((n, n));

        var summaries = new List<EpsilonSummary>();
        var approx = new ViablePredictionRange(data, model, o.Lambda, h0);
        for (int k = 0; k < absolute.Length; k++)
        {
            var rk = ranges.Select(r => r[k]).ToArray();
            int position = Array.IndexOf(order, k);
            var models = keepExtremes ? extremes.Select(e => e[position]).ToArray() : null;
            summaries.Add(Summarise(data, model, o, o.Epsilons[k], absolute[k], rk, models, approx));
        }
        return new MultiplicityResult(model, o, ranges, summaries) { RangesSeconds = rangesSeconds };
    }

    /// <summary>
    /// Every endpoint by the batched KKT solver over the deduplicated rows (<see cref="BatchedEndpoints"/>); the points
    /// of any endpoint it hands back are then solved by the per-point path solver.
    /// </summary>
    private static (PredictionRange[][] Ranges, double[][][][] Extremes, CompressedRows Rows) Batched(LogisticData data, LogisticModel model,
        MultiplicityOptions o, DenseCholesky h0, double[] sorted, bool keepExtremes, CancellationToken cancel, IProgress<(int Done, int Total)>? progress)
    {
        var rows = new CompressedRows(data);
        int m = rows.Unique, e = sorted.Length;
        long total = 2L * m * e;
        var logits = new double[m * e * 2];           // [point][ε][min, max] → xᵀw
        var failed = new bool[m];
        var extremes = new double[m][][][];
        if (keepExtremes)
            for (int u = 0; u < m; u++) extremes[u] = Enumerable.Range(0, e).Select(_ => new double[2][]).ToArray();
        long taken = -1, finished = 0;
        EndpointRequest? Next()
        {
            long j = Interlocked.Increment(ref taken);
            if (j >= total) return null;
            int point = (int)(j / (2 * e)), rest = (int)(j % (2 * e));
            return new EndpointRequest(point, rest < e ? -1 : 1, rest % e);
        }
        void Done(EndpointRequest r, bool converged, double logit, double[] w)
        {
            int slot = r.Sign > 0 ? 1 : 0;
            if (!converged) failed[r.Point] = true;
            else
            {
                logits[(r.Point * e + r.EpsilonIndex) * 2 + slot] = logit;
                if (keepExtremes) extremes[r.Point][r.EpsilonIndex][slot] = w;
            }
            long c = Interlocked.Increment(ref finished);
            if (c % 4096 == 0) progress?.Report(((int)(c * data.Rows / total), data.Rows));
        }
        int workers = (int)Math.Max(1, Math.Min(o.Threads ?? Environment.ProcessorCount, (total + BatchedEndpoints.Batch - 1) / BatchedEndpoints.Batch));
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = workers };
        Parallel.For(0, workers, parallel, _ => new BatchedEndpoints(rows, model, o.Lambda, h0, sorted).Run(Next, Done, cancel));

        var ranges = new PredictionRange[m][];
        for (int u = 0; u < m; u++)
        {
            if (failed[u]) continue;
            double t0 = LogisticLoss.Dot(data.Row(rows.FirstRow[u]), model.Weights);
            ranges[u] = new PredictionRange[e];
            for (int k = 0; k < e; k++)
                ranges[u][k] = new PredictionRange(LogisticLoss.Sigmoid(t0), LogisticLoss.Sigmoid(logits[(u * e + k) * 2]),
                    LogisticLoss.Sigmoid(logits[(u * e + k) * 2 + 1]), false, false);
        }
        var retry = Enumerable.Range(0, m).Where(u => failed[u]).ToArray();
        if (retry.Length > 0) PerPoint(data, model, o, h0, sorted, keepExtremes, retry.Select(u => rows.FirstRow[u]).ToArray(), (retry, ranges, extremes), cancel, null);
        return (ranges, extremes, rows);
    }

    /// <summary>Every endpoint of the given rows (all rows when null) by the per-point path solver (<see cref="ViablePredictionRange"/>).</summary>
    private static (PredictionRange[][] Ranges, double[][][][] Extremes, CompressedRows? Rows) PerPoint(LogisticData data, LogisticModel model,
        MultiplicityOptions o, DenseCholesky h0, double[] sorted, bool keepExtremes, int[]? which, (int[] Slots, PredictionRange[][] Ranges, double[][][][] Extremes)? into,
        CancellationToken cancel, IProgress<(int Done, int Total)>? progress)
    {
        int count = which?.Length ?? data.Rows;
        var ranges = into?.Ranges ?? new PredictionRange[count][];
        var extremes = into?.Extremes ?? new double[count][][][];
        int done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = o.Threads ?? Environment.ProcessorCount };
        Parallel.For(0, count, parallel, () => new ViablePredictionRange(data, model, o.Lambda, h0), (j, _, solver) =>
        {
            int row = which?[j] ?? j, slot = into?.Slots[j] ?? j;
            var e = keepExtremes ? Enumerable.Range(0, sorted.Length).Select(_ => new double[2][]).ToArray() : null;
            ranges[slot] = solver.Compute(data.Row(row), sorted, e);
            if (e is not null) extremes[slot] = e;
            int c = Interlocked.Increment(ref done);
            if (c % 256 == 0 || c == count) progress?.Report((c, count));
            return solver;
        }, _ => { });
        return (ranges, extremes, null);
    }

    private static EpsilonSummary Summarise(LogisticData data, LogisticModel model, MultiplicityOptions o, double epsilon, double absolute,
        PredictionRange[] r, double[][][]? extremes, ViablePredictionRange approx)
    {
        int n = r.Length;
        var widths = r.Select(x => x.Width).Order().ToArray();
        bool Ambiguous(PredictionRange x) => Math.Max(x.Prediction - x.Min, x.Max - x.Prediction) >= o.Delta;
        bool Flippable(PredictionRange x) => x.Min < o.Threshold && o.Threshold <= x.Max;

        double? discrepancy = null, thresholdDiscrepancy = null;
        if (extremes is not null)
            (discrepancy, thresholdDiscrepancy) = DiscrepancyBound.Compute(data, model, extremes.SelectMany(pair => pair), o.Delta, o.Threshold, o.Threads);

        // Small-ε approximation against the exact ranges on a deterministic sample of rows (logit half-widths).
        double maxError = 0;
        int step = Math.Max(1, n / Math.Max(1, o.ApproximationSample));
        for (int i = 0; i < n; i += step)
        {
            var a = approx.Approximate(data.Row(i), absolute);
            if (r[i].MinAtLimit || r[i].MaxAtLimit) continue;
            double exact = 0.5 * (Logit(r[i].Max) - Logit(r[i].Min));
            double approximate = 0.5 * (Logit(a.Max) - Logit(a.Min));
            if (exact > 0) maxError = Math.Max(maxError, Math.Abs(approximate / exact - 1));
        }

        var groups = new Dictionary<string, GroupSummary>(StringComparer.Ordinal);
        if (data.Groups is { } g)
            foreach (var grp in Enumerable.Range(0, n).GroupBy(i => g[i], StringComparer.Ordinal).OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                var rows = grp.ToArray();
                groups[grp.Key] = new GroupSummary(rows.Length, rows.Average(i => r[i].Width),
                    rows.Count(i => Ambiguous(r[i])) / (double)rows.Length, rows.Count(i => Flippable(r[i])) / (double)rows.Length);
            }

        return new EpsilonSummary(epsilon, absolute, widths.Average(), Median(widths), widths[^1],
            widths.Count(w => w >= 0.1) / (double)n, widths.Count(w => w >= 0.2) / (double)n, widths.Count(w => w >= 0.5) / (double)n,
            r.Count(Ambiguous) / (double)n, discrepancy, r.Count(Flippable) / (double)n, thresholdDiscrepancy, maxError, groups);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
