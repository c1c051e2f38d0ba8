using MixLab.Laws;

namespace MixLab.Planning.Cmr;

/// <summary>
/// One pass of the CMR method over a set of runs (used for the point estimate and for every bootstrap resample):
/// fit the Eq. 6 token laws per run, solve Eq. 26 for T0, read the critical ratio off the ratio law
/// L(R) = α·R^s + β across runs at each budget on a grid, fit the CMR law R_CMR(T) = α4·T^s4 + β3 (Eq. 8) through
/// those points, and answer for the target budget.
/// </summary>
internal sealed class CmrAnalysis
{
    private const int GridSize = 24;

    /// <summary>Bounds on the CMR law's exponent s4.</summary>
    internal static (double Lower, double Upper) CmrLawExponentBounds { get; } = (-3, 1);

    public required IReadOnlyList<CmrRunResult> Runs { get; init; }
    public required IReadOnlyList<CmrGridPoint> Grid { get; init; }
    public CmrLaw? Law { get; init; }
    public double? LawRSquared { get; init; }
    public required IReadOnlyList<RatioLawFit> RatioLaws { get; init; }
    public required double Cmr { get; init; }
    public required string Method { get; init; }
    public required bool AnsweredDirectly { get; init; }
    public required List<string> Warnings { get; init; }

    /// <summary>
    /// Runs the method. <paramref name="target"/> and all T are in token units. <paramref name="direct"/> fixes how the
    /// target is answered (read off the runs, or from the CMR law); null decides from these runs. Bootstrap resamples
    /// pass the point estimate's choice so that every draw estimates the same quantity.
    /// </summary>
    public static CmrAnalysis Run(IReadOnlyList<CmrRun> runs, CmrOptions o, double tolerance, double target, ParallelOptions parallel, bool? direct = null)
    {
        var warnings = new List<string>();
        // Budgets covered by every run: from the largest second checkpoint to the smallest last checkpoint.
        double tLo = runs.Max(r => r.Tokens.Length > 1 ? r.Tokens.Order().ElementAt(1) : r.Tokens[0]);
        double tHi = runs.Min(r => r.Tokens.Max());
        double searchEnd = Math.Max(target, runs.Max(r => r.Tokens.Max()));
        var fitted = runs.Select(r => FitRun(r, o, tolerance, target, searchEnd, parallel)).ToList();
        var grid = new List<CmrGridPoint>();
        if (tHi > tLo)
            for (int k = 0; k < GridSize; k++)
            {
                double t = Math.Exp(Math.Log(tLo) + (Math.Log(tHi) - Math.Log(tLo)) * k / (GridSize - 1));
                grid.Add(Boundary(fitted, o, tolerance, t, parallel));
            }

        CmrLaw? law = null;
        double? lawR2 = null;
        // The law is fitted where the constraint that binds at the end of the runs binds (the tolerance or the T0 rule):
        // beyond the runs that constraint keeps binding, and a power law cannot follow the kink where the two meet.
        var uncensored = grid.Where(g => !g.Censored).ToList();
        var usable = uncensored.Count > 0 ? uncensored.Where(g => g.CappedByT0 == uncensored[^1].CappedByT0).ToList() : uncensored;
        if (usable.Count < 3) usable = uncensored;
        if (usable.Count >= 3)
        {
            var x = usable.Select(g => g.Tokens).ToArray();
            var y = usable.Select(g => g.Ratio).ToArray();
            // s4 ≤ 1: the critical ratio grows at most linearly in the budget (all four published s4 lie in [−0.43, 0.27]);
            // an unbounded exponent fitted on a short window can curve upward and overshoot beyond the runs.
            var bound = OffsetPowerLaw.BindArrays(x, y, "tokens", CmrLawExponentBounds.Lower, CmrLawExponentBounds.Upper);
            var fit = MultiStartFit.Run(bound, Ones(x.Length), o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
            if (fit is not null)
            {
                law = new CmrLaw(fit.Theta[0], fit.Theta[1], fit.Theta[2]);
                lawR2 = RSquared(y, x.Select(law.At).ToArray());
                if (new ParameterTransform(bound.Parameters).AtBound(fit.Theta).Any())
                    warnings.Add($"the CMR law's exponent s4 = {fit.Theta[1]:G3} sits on its bound [{CmrLawExponentBounds.Lower:G3}, {CmrLawExponentBounds.Upper:G3}]: answers beyond the runs are extrapolated with a capped growth rate and may be conservative");
            }
        }

        double cmr;
        string method;
        bool answerDirectly = direct ?? target <= tHi * (1 + 1e-9);
        if (answerDirectly)
        {
            var atTarget = Boundary(fitted, o, tolerance, target, parallel);
            cmr = atTarget.Ratio;
            method = "direct: ratio law across runs at the target budget";
            if (atTarget.Censored) warnings.Add(CensoredText(atTarget, fitted));
            if (atTarget.CappedByT0) warnings.Add("capped by the T0 rule: a larger tried ratio is within tolerance but its general loss is still rising at the target budget");
        }
        else if (law is not null)
        {
            cmr = Math.Clamp(law.At(target), 0, 1);
            method = "CMR law R(T) = alpha4 T^s4 + beta3 extrapolated to the target budget";
        }
        else
        {
            var atTarget = Boundary(fitted, o, tolerance, target, parallel);
            cmr = atTarget.Ratio;
            method = "direct: token laws extrapolated to the target budget (too few uncensored budgets for the CMR law)";
            warnings.Add("the CMR law could not be fitted: fewer than 3 budgets with a critical ratio inside the tried range");
        }
        if (fitted.All(r => r.T0Kind == CriticalPointKind.NeverRising))
            warnings.Add("no critical point: the general loss never rises in any run, so the answer is the largest ratio tried (flagged)");
        var ratioLaws = new List<RatioLawFit>
        {
            RatioLaw("general", runs.Select(r => r.Ratio).ToArray(), fitted.Select((r, k) => runs[k].BaseGeneral + r.Curves.GeneralDelta(target)).ToArray(), o, parallel),
            RatioLaw("domain", runs.Select(r => r.Ratio).ToArray(), fitted.Select((r, k) => runs[k].BaseDomain + r.Curves.DomainDelta(target)).ToArray(), o, parallel),
        };
        return new CmrAnalysis { Runs = fitted, Grid = grid, Law = law, LawRSquared = lawR2, RatioLaws = ratioLaws, Cmr = cmr, Method = method, AnsweredDirectly = answerDirectly, Warnings = warnings };
    }

    /// <summary>L(R) = α R^s + β through the runs' fitted losses at the target (the paper's Table 2 form).</summary>
    private static RatioLawFit RatioLaw(string name, double[] ratios, double[] loss, CmrOptions o, ParallelOptions parallel)
    {
        var law = OffsetPowerLaw.BindArrays(ratios, loss, "ratio");
        var weights = Ones(ratios.Length);
        var fit = MultiStartFit.Run(law, weights, o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
        if (fit is null) return new RatioLawFit(name, double.NaN, double.NaN, double.NaN, double.NaN, true);
        var predicted = ratios.Select((_, i) => law.PredictLoss(fit.Theta, i)).ToArray();
        bool degenerate = DegeneracyCheck.Find(law, new ParameterTransform(law.Parameters), fit.Theta, law.Report(fit.Theta), weights).Count > 0;
        return new RatioLawFit(name, fit.Theta[0], fit.Theta[1], fit.Theta[2], RSquared(loss, predicted), degenerate);
    }

    private static string CensoredText(CmrGridPoint p, List<CmrRunResult> runs) =>
        p.Ratio >= runs.Max(r => r.Ratio) - 1e-12
            ? $"censored: every tried ratio (up to {runs.Max(r => r.Ratio):G4}) keeps the general loss within tolerance; the CMR is at least this"
            : "censored: even the smallest tried ratio breaks the tolerance; the answer is extrapolated below the tried ratios";

    private static CmrRunResult FitRun(CmrRun run, CmrOptions o, double tolerance, double target, double searchEnd, ParallelOptions parallel)
    {
        var weights = Ones(run.Tokens.Length);
        var domLaw = OffsetPowerLaw.BindArrays(run.Tokens, run.DomainDelta, "tokens");
        var genLaw = TwoTermPowerLaw.BindArrays(run.Tokens, run.GeneralDelta, "tokens");
        var dom = MultiStartFit.Run(domLaw, weights, o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel)
                  ?? throw new InvalidOperationException($"run '{run.Name}': the domain law could not be fitted");
        var gen = MultiStartFit.Run(genLaw, weights, o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel)
                  ?? throw new InvalidOperationException($"run '{run.Name}': the general law could not be fitted");
        var curves = new TokenCurves(dom.Theta[0], dom.Theta[1], dom.Theta[2], gen.Theta[0], gen.Theta[1], gen.Theta[2], gen.Theta[3], gen.Theta[4]);
        // T0 is searched where the run has data (from its first checkpoint) and on to the target: a crossing before the
        // first checkpoint would be an artefact of the fitted form, not something the run showed.
        double first = run.Tokens.Min();
        var critical = searchEnd > first ? CriticalPoint.Solve(curves, o.Lambda, first, searchEnd) : new CriticalPointResult(null, CriticalPointKind.StillRising);
        double atTarget = curves.GeneralDelta(target);
        bool inTolerance = atTarget <= tolerance;
        bool feasible = inTolerance && critical.Kind switch
        {
            CriticalPointKind.NeverRising => true,
            CriticalPointKind.Crossing => critical.T0 <= target,
            _ => false,
        };
        return new CmrRunResult(run.Name, run.Ratio, curves,
            Quality(run.GeneralDelta, run.Tokens.Select(curves.GeneralDelta).ToArray(), gen.Converged),
            Quality(run.DomainDelta, run.Tokens.Select(curves.DomainDelta).ToArray(), dom.Converged),
            critical.T0, critical.Kind, CriticalPoint.PeakClosedForm(curves), atTarget, inTolerance, feasible);
    }

    /// <summary>
    /// The critical ratio at budget t, the smaller of two boundaries: the tolerance boundary R_A(t), where the ratio law
    /// L(R) = α R^s + β fitted to the runs' general-loss changes at t crosses ε (Definition 2's set A), and the T0
    /// boundary R_T0(t), where the critical point T0(R), interpolated in log T between tried ratios, reaches t (the
    /// paper's rule: T0 &lt; T_max feasible, T0 = T_max critical, T0 &gt; T_max not feasible).
    /// </summary>
    private static CmrGridPoint Boundary(List<CmrRunResult> runs, CmrOptions o, double tolerance, double t, ParallelOptions parallel)
    {
        var ratios = runs.Select(r => r.Ratio).ToArray();
        double rMin = ratios.Min(), rMax = ratios.Max();
        var (ra, raCensored) = ToleranceBoundary(runs, o, tolerance, t, parallel);
        var (rt, rtCensored) = T0Boundary(runs, t);
        bool capped = rt < ra;
        double ratio = Math.Min(ra, rt);
        bool censored = capped ? rtCensored : raCensored;
        return new CmrGridPoint(t, ratio, censored || ratio < rMin - 1e-12 || ratio > rMax + 1e-12, capped);
    }

    private static (double Ratio, bool Censored) ToleranceBoundary(List<CmrRunResult> runs, CmrOptions o, double tolerance, double t, ParallelOptions parallel)
    {
        var ratios = runs.Select(r => r.Ratio).ToArray();
        var delta = runs.Select(r => r.Curves.GeneralDelta(t)).ToArray();
        var law = OffsetPowerLaw.BindArrays(ratios, delta, "ratio");
        var fit = MultiStartFit.Run(law, Ones(ratios.Length), o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
        Func<double, double> f = fit is null
            ? r => Interpolate(ratios, delta, r)
            : r => fit.Theta[0] * Math.Pow(r, fit.Theta[1]) + fit.Theta[2];
        double rMax = ratios.Max();
        const int steps = 2000;
        double previous = 1e-6;
        if (f(previous) > tolerance) return (0, true);
        for (int i = 1; i <= steps; i++)
        {
            double r = rMax * i / steps;
            if (f(r) > tolerance) return (Bisect(f, tolerance, previous, r), false);
            previous = r;
        }
        return (rMax, true); // every tried ratio is within tolerance: the boundary lies above them
    }

    private static (double Ratio, bool Censored) T0Boundary(List<CmrRunResult> runs, double t)
    {
        // log T0 per tried ratio: −∞ when the general loss never rises (always feasible), +∞ when it still rises at the target.
        var points = runs.Select(r => (r.Ratio, LogT0: r.T0Kind switch
        {
            CriticalPointKind.NeverRising => double.NegativeInfinity,
            CriticalPointKind.StillRising => double.PositiveInfinity,
            _ => Math.Log(r.T0!.Value),
        })).OrderBy(p => p.Ratio).ToArray();
        double logT = Math.Log(t);
        if (points[0].LogT0 > logT)
        {
            // Even the smallest ratio peaks after t: extrapolate the first segment toward R = 0 when it is finite.
            if (points.Length > 1 && double.IsFinite(points[0].LogT0) && double.IsFinite(points[1].LogT0) && points[1].LogT0 > points[0].LogT0)
            {
                double slope = (points[1].LogT0 - points[0].LogT0) / (points[1].Ratio - points[0].Ratio);
                return (Math.Max(0, points[0].Ratio - (points[0].LogT0 - logT) / slope), true);
            }
            return (0, true);
        }
        for (int i = 1; i < points.Length; i++)
        {
            if (points[i].LogT0 <= logT) continue;
            var (r0, l0) = points[i - 1];
            var (r1, l1) = points[i];
            if (!double.IsFinite(l0) || !double.IsFinite(l1)) return (r0, false); // a step: stay at the last tried ratio that is feasible
            return (r0 + (r1 - r0) * (logT - l0) / (l1 - l0), false);
        }
        return (points[^1].Ratio, true); // every tried ratio has passed its critical point by t
    }

    private static double Bisect(Func<double, double> f, double level, double lo, double hi)
    {
        for (int i = 0; i < 100 && hi - lo > 1e-12; i++)
        {
            double m = 0.5 * (lo + hi);
            if (f(m) > level) hi = m; else lo = m;
        }
        return 0.5 * (lo + hi);
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        if (at <= x[0]) return y[0];
        for (int i = 1; i < x.Length; i++)
            if (at <= x[i]) return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[^1];
    }

    private static CurveQuality Quality(double[] observed, double[] predicted, bool converged)
    {
        double mse = observed.Select((v, i) => (v - predicted[i]) * (v - predicted[i])).Average();
        return new CurveQuality(RSquared(observed, predicted), mse, converged);
    }

    private static double RSquared(double[] observed, double[] predicted)
    {
        double mean = observed.Average();
        double ssTot = observed.Sum(v => (v - mean) * (v - mean));
        double ssRes = observed.Select((v, i) => (v - predicted[i]) * (v - predicted[i])).Sum();
        return ssTot > 0 ? 1 - ssRes / ssTot : double.NaN;
    }

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();
}
