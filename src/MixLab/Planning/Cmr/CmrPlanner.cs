using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Planning.Cmr;

/// <summary>
/// The Critical Mixture Ratio planner (Gu et al., arXiv 2407.17467): from short CPT runs at several domain ratios,
/// the largest ratio that keeps the general loss within ε at the token budget, with a bootstrap interval
/// (checkpoints resampled within runs), the CMR law over budgets, and the D-CPT and Data Mixing Law answers beside it.
/// </summary>
public static class CmrPlanner
{
    /// <summary>Plans from a run-log table. Throws <see cref="RunLogException"/> for bad input.</summary>
    public static CmrResult Plan(RunLogTable table, CmrOptions o, CancellationToken cancel = default, IProgress<(int Done, int Total)>? progress = null)
    {
        var runs = CmrRunReader.Read(table, o);
        CheckTokenUnits(runs, table, o);
        double baseGeneral = runs.Average(r => r.BaseGeneral);
        double tolerance = o.RelativeEpsilon ? o.Epsilon * baseGeneral : o.Epsilon;
        double target = (o.TargetTokens ?? runs.Max(r => r.Tokens.Max()) * o.TokenUnit) / o.TokenUnit;
        var parallel = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = o.Threads ?? Environment.ProcessorCount };

        var point = CmrAnalysis.Run(runs, o, tolerance, target, parallel);

        var draws = new double[o.BootstrapSamples];
        int done = 0, failures = 0;
        var serial = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = 1 };
        Parallel.For(0, o.BootstrapSamples, parallel, b =>
        {
            var rng = new SeededRandom(o.Seed, (ulong)b);
            var resampled = runs.Select((r, k) => Resample(r, point.Runs[k].Curves, o.BootstrapKind, rng)).ToList();
            try { draws[b] = CmrAnalysis.Run(resampled, o, tolerance, target, serial, direct: point.AnsweredDirectly).Cmr; }
            catch (InvalidOperationException) { draws[b] = double.NaN; Interlocked.Increment(ref failures); }
            int d = Interlocked.Increment(ref done);
            if (d % 10 == 0 || d == o.BootstrapSamples) progress?.Report((d, o.BootstrapSamples));
        });
        var finite = draws.Where(double.IsFinite).Order().ToArray();
        double[]? interval = finite.Length >= 2
            ? [Laws.LawFitter.Percentile(finite, (1 - o.ConfidenceLevel) / 2), Laws.LawFitter.Percentile(finite, 1 - (1 - o.ConfidenceLevel) / 2)]
            : null;

        double? modelParams = table.Has(RunLogColumns.Params) ? table.Numeric(RunLogColumns.Params).Average() : null;
        var comparisons = CmrComparisons.Compute(runs, o, tolerance, baseGeneral, modelParams, target * o.TokenUnit, parallel);

        var feasibleTried = point.Runs.Where(r => r.Feasible).Select(r => r.Ratio).DefaultIfEmpty(double.NaN).Max();
        var warnings = point.Warnings.ToList();
        if (failures > 0) warnings.Add($"{failures} of {o.BootstrapSamples} bootstrap resamples could not be fitted and were left out");
        foreach (var r in point.Runs.Where(r => !r.General.Converged || !r.Domain.Converged))
            warnings.Add($"run '{r.Run}': a token-law fit did not converge");
        return new CmrResult(o, target * o.TokenUnit, point.Cmr, interval, point.Method, double.IsNaN(feasibleTried) ? null : feasibleTried,
            tolerance, baseGeneral, point.Runs, point.Grid, point.Law, point.LawRSquared, point.RatioLaws, comparisons, warnings,
            o.BootstrapSamples, failures, draws);
    }

    private static CmrRun Resample(CmrRun run, TokenCurves fitted, CmrBootstrapKind kind, SeededRandom rng)
    {
        int n = run.Tokens.Length;
        if (kind == CmrBootstrapKind.Checkpoints)
            return run.Take(Enumerable.Range(0, n).Select(_ => rng.NextInt(n)).Order().ToArray());
        var genFit = run.Tokens.Select(fitted.GeneralDelta).ToArray();
        var domFit = run.Tokens.Select(fitted.DomainDelta).ToArray();
        var genRes = run.GeneralDelta.Select((v, i) => v - genFit[i]).ToArray();
        var domRes = run.DomainDelta.Select((v, i) => v - domFit[i]).ToArray();
        return run with
        {
            GeneralDelta = genFit.Select(v => v + genRes[rng.NextInt(n)]).ToArray(),
            DomainDelta = domFit.Select(v => v + domRes[rng.NextInt(n)]).ToArray(),
        };
    }

    /// <summary>Runs whose last checkpoints differ by more than 1000× were almost surely logged in different units.</summary>
    private static void CheckTokenUnits(List<CmrRun> runs, RunLogTable table, CmrOptions o)
    {
        var longest = runs.MaxBy(r => r.Tokens.Max())!;
        var shortest = runs.MinBy(r => r.Tokens.Max())!;
        if (longest.Tokens.Max() > 1000 * shortest.Tokens.Max())
            throw new RunLogException(table.File, shortest.Lines[^1], RunLogColumns.Tokens,
                $"inconsistent token units: run '{shortest.Name}' ends at {shortest.Tokens.Max() * o.TokenUnit:G4} tokens, run '{longest.Name}' at {longest.Tokens.Max() * o.TokenUnit:G4}; log raw token counts in every run");
        if (o.TargetTokens is double target && target < shortest.Tokens.Min() * o.TokenUnit)
            throw new RunLogException(table.File, null, RunLogColumns.Tokens,
                $"--target-tokens {target:G4} is below the first checkpoint ({shortest.Tokens.Min() * o.TokenUnit:G4} tokens); give the budget in raw tokens, e.g. 20e9");
    }
}
