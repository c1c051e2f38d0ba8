using MixLab.Laws;

namespace MixLab.Planning.Cmr;

/// <summary>
/// Answers the CMR question with two other laws fitted to the same runs, so the user sees where methods agree:
/// the D-CPT law (Que et al., L_g over tokens and the general share r_g = 1 − R) at the target budget, and a
/// two-domain Data Mixing Law (Ye et al. Eq. 6, L_g = c + k·exp(t·R)) at the last budget every run reached.
/// </summary>
internal static class CmrComparisons
{
    public static List<CmrComparison> Compute(IReadOnlyList<CmrRun> runs, CmrOptions o, double tolerance, double baseGeneral, double? modelParams, double targetTokens, ParallelOptions parallel)
    {
        double limit = baseGeneral + tolerance;
        return [Dcpt(runs, o, limit, modelParams, targetTokens, parallel), MixingLaw(runs, o, limit, parallel)];
    }

    private static CmrComparison Dcpt(IReadOnlyList<CmrRun> runs, CmrOptions o, double limit, double? modelParams, double targetTokens, ParallelOptions parallel)
    {
        var n = new List<double>(); var d = new List<double>(); var r = new List<double>(); var loss = new List<double>();
        foreach (var run in runs)
            for (int i = 0; i < run.Tokens.Length; i++)
            {
                n.Add(modelParams ?? 1); d.Add(run.Tokens[i] * o.TokenUnit); r.Add(1 - run.Ratio); loss.Add(run.BaseGeneral + run.GeneralDelta[i]);
            }
        if (loss.Any(v => !(v > 0)))
            return new CmrComparison("dcpt", null, targetTokens, "not fitted: the D-CPT law needs positive losses");
        var law = new DcptLaw.Bound(n.ToArray(), d.ToArray(), r.ToArray(), loss.ToArray(), new LawOptions());
        var fit = MultiStartFit.Run(law, Enumerable.Repeat(1.0, loss.Count).ToArray(), o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
        if (fit is null) return new CmrComparison("dcpt", null, targetTokens, "not fitted: the objective was not finite at any start");
        double Predict(double ratio)
        {
            var single = new DcptLaw.Bound([modelParams ?? 1], [targetTokens], [1 - ratio], [1.0], new LawOptions());
            return single.PredictLoss(fit.Theta, 0);
        }
        double? answer = LargestWithin(Predict, limit, out string note);
        var weights = Enumerable.Repeat(1.0, loss.Count).ToArray();
        var problems = DegeneracyCheck.Find(law, new ParameterTransform(law.Parameters), fit.Theta, law.Report(fit.Theta), weights)
            .Where(p => !p.Contains("do not identify")).ToList(); // with one model size the N term and E are confounded by design
        string flag = problems.Count > 0 ? $"; degenerate fit ({problems[0]}): treat with care" : "";
        return new CmrComparison("dcpt", answer, targetTokens,
            $"D-CPT law L(N, D, r_g) on the general loss (one model size: the N term folds into E); {note}{flag}");
    }

    private static CmrComparison MixingLaw(IReadOnlyList<CmrRun> runs, CmrOptions o, double limit, ParallelOptions parallel)
    {
        double common = runs.Min(run => run.Tokens.Max());
        var ratios = new List<double[]>(); var loss = new List<double>();
        foreach (var run in runs)
        {
            int i = Array.FindLastIndex(run.Tokens, t => t <= common * (1 + 1e-9));
            ratios.Add([run.Ratio]);
            loss.Add(run.BaseGeneral + run.GeneralDelta[i]);
        }
        double atTokens = common * o.TokenUnit;
        if (loss.Any(v => !(v > 0))) return new CmrComparison("mixing", null, atTokens, "not fitted: the mixing law needs positive losses");
        var law = new DataMixingLaw.Bound([o.TargetDomain], ratios.ToArray(), loss.ToArray());
        var fit = MultiStartFit.Run(law, Enumerable.Repeat(1.0, loss.Count).ToArray(), o.Delta, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
        if (fit is null) return new CmrComparison("mixing", null, atTokens, "not fitted: the objective was not finite at any start");
        double Predict(double ratio) => Math.Exp(fit.Theta[0]) + Math.Exp(fit.Theta[1] + fit.Theta[2] * ratio);
        double? answer = LargestWithin(Predict, limit, out string note);
        return new CmrComparison("mixing", answer, atTokens, $"Data Mixing Law L_g(R) = c + k exp(t R) at the last budget every run reached; {note}");
    }

    /// <summary>The first R (scanning up from 0) where the predicted general loss exceeds the limit.</summary>
    private static double? LargestWithin(Func<double, double> predict, double limit, out string note)
    {
        if (!(predict(0) <= limit)) { note = "even R = 0 breaks the tolerance"; return 0; }
        const int steps = 4000;
        for (int i = 1; i <= steps; i++)
        {
            double r = (double)i / steps;
            double v = predict(r);
            if (double.IsNaN(v)) { note = "prediction not a number"; return null; }
            if (v > limit) // +∞ counts as over the limit
            {
                double lo = (double)(i - 1) / steps, hi = r;
                for (int k = 0; k < 60; k++) { double m = 0.5 * (lo + hi); if (predict(m) > limit) hi = m; else lo = m; }
                note = "largest R within the tolerance";
                return 0.5 * (lo + hi);
            }
        }
        note = "every R up to 1 is within the tolerance";
        return 1;
    }
}
