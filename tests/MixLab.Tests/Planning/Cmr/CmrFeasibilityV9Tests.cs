using MixLab.Laws;
using MixLab.Numerics;
using MixLab.Planning.Cmr;
using MixLab.RunLogs;
using Xunit.Abstractions;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>
/// Check V9 (laws.md §6, §1.3–1.5): the CMR feasibility machinery on synthetic curves with known parameters.
/// T is in the paper's units of 0.2B tokens throughout.
/// </summary>
public sealed class CmrFeasibilityV9Tests(ITestOutputHelper output)
{
    // ΔL_dom(T) = α1 T^s1 + β1 with α1 s1 < 0 (the domain loss falls).
    private const double Alpha1 = 0.4, S1 = -0.35, Beta1 = -0.4;
    // ΔL_gen(T) = α2 T^s2 + α3 T^s3 + β2 with α2 s2 > 0 > α3 s3: rises, peaks at TruePeak, then falls.
    private const double S2 = 0.25, S3 = 0.5, TruePeak = 20, Beta2 = 0.0;
    private const double Noise = 1e-4, Epsilon = 0.05;

    /// <summary>α3 that puts the turning point of α2 T^s2 + α3 T^s3 at <see cref="TruePeak"/>.</summary>
    private static double Alpha3For(double alpha2) => -alpha2 * S2 / S3 * Math.Pow(TruePeak, S2 - S3);

    private static double TrueGeneral(double alpha2, double t) => alpha2 * Math.Pow(t, S2) + Alpha3For(alpha2) * Math.Pow(t, S3) + Beta2;

    private static double TrueDomain(double t) => Alpha1 * Math.Pow(t, S1) + Beta1;

    private static readonly double[] Units = CmrSyntheticLaw.Checkpoints(2.5, 2.5, 40); // 0.5B … 20B tokens

    /// <summary>Fits Eq. 6 to one noisy synthetic run with MultiStartFit, as the planner does.</summary>
    private static TokenCurves FitOneRun(double alpha2, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var dom = Units.Select(t => TrueDomain(t) + Noise * rng.NextGaussian()).ToArray();
        var gen = Units.Select(t => TrueGeneral(alpha2, t) + Noise * rng.NextGaussian()).ToArray();
        var ones = Enumerable.Repeat(1.0, Units.Length).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        var d = MultiStartFit.Run(OffsetPowerLaw.BindArrays(Units, dom, "tokens"), ones, 1e-3, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
        var g = MultiStartFit.Run(TwoTermPowerLaw.BindArrays(Units, gen, "tokens"), ones, 1e-3, HuberObjective.Reduction.Sum, polish: true, 1, parallel);
        Assert.NotNull(d);
        Assert.NotNull(g);
        return new TokenCurves(d!.Theta[0], d.Theta[1], d.Theta[2], g!.Theta[0], g.Theta[1], g.Theta[2], g.Theta[3], g.Theta[4]);
    }

    [Fact]
    public void V9_FittedTokenLaws_ReproduceTheGeneratingCurves()
    {
        var c = FitOneRun(0.055, 11);
        output.WriteLine(c.ToString());
        // The one-term domain law is identified: its parameters come back.
        Assert.InRange(c.S1, S1 - 0.02, S1 + 0.02);
        Assert.InRange(c.Alpha1, Alpha1 * 0.95, Alpha1 * 1.05);
        Assert.InRange(c.Beta1, Beta1 - 0.02, Beta1 + 0.02);
        Assert.True(c.Alpha1 * c.S1 < 0, "the fitted domain loss must fall");
        // The two-term law is weakly identified parameter by parameter, but the curve must come back over the data range.
        foreach (double t in Units)
        {
            Assert.True(Math.Abs(c.GeneralDelta(t) - TrueGeneral(0.055, t)) < 2e-4, $"ΔL_gen({t}) = {c.GeneralDelta(t)} vs {TrueGeneral(0.055, t)}");
            Assert.True(Math.Abs(c.DomainDelta(t) - TrueDomain(t)) < 2e-4, $"ΔL_dom({t}) = {c.DomainDelta(t)} vs {TrueDomain(t)}");
        }
    }

    [Theory]
    [InlineData(0.03, 21UL)]
    [InlineData(0.055, 11UL)]
    [InlineData(0.08, 5UL)]
    public void V9_T0_ApproachesTheClosedFormPeakAsLambdaGrows(double alpha2, ulong seed)
    {
        var c = FitOneRun(alpha2, seed);
        double? closed = CriticalPoint.PeakClosedForm(c);
        Assert.NotNull(closed);
        double peak = closed!.Value;
        // The fitted peak is the generating one (−α3 s3 / (α2 s2))^(1/(s2 − s3)) = 20.
        Assert.Equal(TruePeak, Math.Pow(-Alpha3For(alpha2) * S3 / (alpha2 * S2), 1 / (S2 - S3)), 1e-9);
        Assert.True(Math.Abs(peak - TruePeak) / TruePeak < 0.05, $"fitted peak {peak} vs {TruePeak}");

        double previousGap = double.PositiveInfinity;
        foreach (double lambda in new[] { 100.0, 1000.0, 7000.0, double.PositiveInfinity })
        {
            var r = CriticalPoint.Solve(c, lambda, 0.01, 100);
            Assert.Equal(CriticalPointKind.Crossing, r.Kind);
            double t0 = r.T0!.Value;
            double gap = Math.Abs(t0 - peak);
            output.WriteLine($"λ = {lambda}: T0 = {t0:G6}, closed-form peak {peak:G6}, gap {gap:G3}");
            Assert.True(gap <= previousGap * (1 + 1e-9) + 1e-12, $"λ = {lambda}: |T0 − peak| = {gap} grew from {previousGap}");
            if (double.IsFinite(lambda))
            {
                // Eq. 26 holds at T0 and the falling domain loss pulls T0 below the peak.
                double h = c.DomainSlope(t0) + lambda * c.GeneralSlope(t0);
                Assert.True(Math.Abs(h) < 1e-9, $"λ = {lambda}: Eq. 26 residual {h}");
                Assert.True(t0 < peak, $"λ = {lambda}: T0 = {t0} not below the peak {peak}");
            }
            previousGap = gap;
        }
        Assert.True(previousGap / peak <= 0.02, $"λ = ∞: T0 is {previousGap / peak:P2} from the closed-form peak");
    }

    /// <summary>Three runs with the general-loss peak at T = 20 and bumps of three heights (α2 = 0.03, 0.055, 0.08).</summary>
    private static CmrSyntheticLaw ThreeBumps => new()
    {
        GeneralDelta = (r, t) => TrueGeneral(Alpha2Of(r), t),
        DomainDelta = (r, t) => TrueDomain(t),
        Peak = r => TruePeak,
    };

    private static double Alpha2Of(double ratio) => ratio switch { 0.2 => 0.03, 0.4 => 0.055, 0.6 => 0.08, _ => throw new ArgumentException() };

    [Theory]
    [InlineData(10.0)] // before the peak: the general loss is still rising at T_max
    [InlineData(100.0)] // long after the peak
    [InlineData(30.0)]
    public void V9_FeasibilityRuleAndToleranceSet_ClassifyEveryRunCorrectly(double tMax)
    {
        using var dir = new TempDir();
        var law = ThreeBumps;
        double[] ratios = [0.2, 0.4, 0.6];
        var table = RunLogReader.Read(dir.Write("bumps.csv", law.Csv(ratios, Units, Noise, 3)));
        var result = CmrPlanner.Plan(table, CmrTestData.IssueOptions() with { TargetTokens = tMax * CmrLaw.PaperTokenUnit, Threads = 1 });
        Assert.Equal(3, result.Runs.Count);
        foreach (var run in result.Runs)
        {
            double trueDelta = law.GeneralDelta(run.Ratio, tMax);
            bool inA = trueDelta <= Epsilon;
            bool pastPeak = TruePeak < tMax;
            output.WriteLine($"T_max {tMax}, R {run.Ratio}: true ΔL_gen {trueDelta:F4} (fitted {run.GeneralDeltaAtTarget:F4}), T0 {run.T0} {run.T0Kind}, in A {run.InTolerance}, feasible {run.Feasible}");
            Assert.True(Math.Abs(trueDelta - Epsilon) > 0.001, "test design: keep the truth away from the tolerance edge");
            Assert.Equal(inA, run.InTolerance);
            // T0 is searched over the runs' whole range, so a peak after T_max is found (T0 > T_max) when the data reach it.
            if (pastPeak) Assert.Equal(CriticalPointKind.Crossing, run.T0Kind);
            else Assert.True(run.T0Kind == CriticalPointKind.StillRising || run.T0 > tMax * CmrLaw.PaperTokenUnit / result.Options.TokenUnit,
                $"a peak after T_max must not count as reached: {run.T0Kind} at {run.T0}");
            if (pastPeak) Assert.True(Math.Abs(run.T0!.Value * CmrLaw.PaperTokenUnit / result.Options.TokenUnit - TruePeak) / TruePeak < 0.05, $"T0 {run.T0} vs {TruePeak}");
            Assert.Equal(inA && pastPeak, run.Feasible);
        }
    }

    // A family over R whose true CMR is known: ΔL_gen(R, T) = a(R) (T^0.25 − 0.625 T*(R)^−0.15 T^0.4), a(R) = 0.004 + 0.16 R,
    // peaking at T*(R) = 5 (1 + 3R); ΔL_dom(R, T) = (0.15 + 0.4 R)(T^−0.35 − 1). The T0 boundary binds below T ≈ 11.5,
    // the tolerance boundary above (0.43 at T = 20 rising to 0.59 at T = 100).
    private static CmrSyntheticLaw Family => new()
    {
        GeneralDelta = (r, t) =>
        {
            double a = 0.004 + 0.16 * r, peak = 5 * (1 + 3 * r);
            return a * Math.Pow(t, 0.25) - a * (0.25 / 0.40) * Math.Pow(peak, 0.25 - 0.40) * Math.Pow(t, 0.40);
        },
        DomainDelta = (r, t) => (0.15 + 0.40 * r) * (Math.Pow(t, -0.35) - 1),
        Peak = r => 5 * (1 + 3 * r),
    };

    [Fact]
    public void V9_Planner_RecoversTheTrueCmrAtEveryBudget_T0BoundThenToleranceBound()
    {
        var law = Family;
        // The generating law: the peak really is T*(R) and the truth is the smaller boundary.
        foreach (double r in new[] { 0.1, 0.5, 0.9 })
        {
            double peak = law.Peak(r), h = 1e-6 * peak;
            Assert.True(law.GeneralDelta(r, peak - h) < law.GeneralDelta(r, peak) && law.GeneralDelta(r, peak + h) < law.GeneralDelta(r, peak));
        }
        Assert.Equal(law.T0Boundary(10), law.TrueCmr(10, Epsilon)); // T0-bound at small budgets
        Assert.Equal(law.ToleranceBoundary(100, Epsilon), law.TrueCmr(100, Epsilon)); // tolerance-bound at large ones

        using var dir = new TempDir();
        double[] ratios = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85];
        var table = RunLogReader.Read(dir.Write("family.csv", law.Csv(ratios, Units, Noise, 2024)));
        var result = CmrPlanner.Plan(table, CmrTestData.IssueOptions());
        double truth = law.TrueCmr(100, Epsilon);
        output.WriteLine($"CMR {result.Cmr:F4} vs true {truth:F4}; {result.Method}");
        foreach (var w in result.Warnings) output.WriteLine("warning: " + w);
        Assert.True(Math.Abs(result.Cmr - truth) <= 0.02, $"CMR {result.Cmr:F4} vs true {truth:F4}");

        // Every grid budget: the planner's critical ratio vs the truth (T0-bound and tolerance-bound budgets alike).
        foreach (var g in result.Grid.Where(g => !g.Censored))
        {
            double t = g.Tokens * result.Options.TokenUnit / CmrLaw.PaperTokenUnit;
            double expected = law.TrueCmr(t, Epsilon);
            output.WriteLine($"T = {t:F2}: grid {g.Ratio:F4} (T0-capped {g.CappedByT0}) vs true {expected:F4} (T0 boundary {law.T0Boundary(t):F4})");
            Assert.True(Math.Abs(g.Ratio - expected) <= 0.05, $"T = {t:F2}: {g.Ratio:F4} vs {expected:F4}");
            Assert.Equal(law.T0Boundary(t) < law.ToleranceBoundary(t, Epsilon), g.CappedByT0);
        }
        Assert.Contains(result.Grid, g => g.CappedByT0 && !g.Censored);

        // This truth has a kink where the T0 boundary hands over to the tolerance boundary, which the power law of
        // Eq. 8 cannot follow; the law is checked on the family below.
    }

    // Published 460M CMR law (laws.md §1.6): R(T) = 0.22524761 T^0.26944345 − 0.48139982, T in units of 0.2B tokens.
    private const double A4 = 0.22524761, S4 = 0.26944345, B3 = -0.48139982;

    // A family whose true CMR *is* that law: the general-loss peak of ratio R sits at T*(R) = ((R − β3)/α4)^(1/s4), so
    // the T0 boundary is R_CMR(T); the bump a(R)(T^0.25 − 0.5 T*^−0.25 T^0.5), a(R) = 0.008 + 0.015 R, stays below ε.
    private static CmrSyntheticLaw PublishedLawFamily => new()
    {
        GeneralDelta = (r, t) =>
        {
            double a = 0.008 + 0.015 * r, peak = Math.Pow((r - B3) / A4, 1 / S4);
            return a * Math.Pow(t, 0.25) - a * 0.5 * Math.Pow(peak, -0.25) * Math.Pow(t, 0.5);
        },
        DomainDelta = (r, t) => (0.15 + 0.40 * r) * (Math.Pow(t, -0.35) - 1),
        Peak = r => Math.Pow((r - B3) / A4, 1 / S4),
    };

    /// <summary>Runs of the published-law family at R = 0.1 … 0.6 up to 60B tokens (T = 300).</summary>
    private static CmrResult PlanPublishedLawFamily(double targetTokens, ITestOutputHelper output)
    {
        var law = PublishedLawFamily;
        using var dir = new TempDir();
        double[] ratios = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        var units = CmrSyntheticLaw.Checkpoints(5, 5, 60); // 1B … 60B tokens
        var table = RunLogReader.Read(dir.Write("published.csv", law.Csv(ratios, units, Noise, 460)));
        var result = CmrPlanner.Plan(table, CmrTestData.IssueOptions() with { TargetTokens = targetTokens });
        double target = targetTokens / CmrLaw.PaperTokenUnit;
        output.WriteLine($"CMR at {targetTokens:G3} tokens: {result.Cmr:F4} vs true {law.TrueCmr(target, Epsilon):F4}; {result.Method}");
        foreach (var w in result.Warnings) output.WriteLine("warning: " + w);
        foreach (var run in result.Runs) output.WriteLine($"R {run.Ratio}: T0 {run.T0:F2} ({run.T0Kind}) vs true {law.Peak(run.Ratio):F2}");
        foreach (var g in result.Grid.Where(g => !g.Censored))
            output.WriteLine($"T = {g.Tokens * result.Options.TokenUnit / CmrLaw.PaperTokenUnit:F1}: grid {g.Ratio:F4} vs true {law.TrueCmr(g.Tokens * result.Options.TokenUnit / CmrLaw.PaperTokenUnit, Epsilon):F4}");
        return result;
    }

    /// <summary>
    /// The critical ratio on the budget grid follows the truth wherever the tried ratios bracket it: up to the peak of
    /// R = 0.5 (T ≈ 236; R = 0.6 peaks at T ≈ 338, after the last checkpoint, so above 236 the answer can only be a step).
    /// </summary>
    private static void AssertGridFollowsTruth(CmrResult result)
    {
        var law = PublishedLawFamily;
        foreach (var g in result.Grid.Where(g => !g.Censored))
        {
            double t = g.Tokens * result.Options.TokenUnit / CmrLaw.PaperTokenUnit;
            if (t > 230) continue;
            Assert.True(Math.Abs(g.Ratio - law.TrueCmr(t, Epsilon)) <= 0.03, $"grid T = {t:F1}: {g.Ratio:F4} vs true {law.TrueCmr(t, Epsilon):F4}");
        }
    }

    [Fact]
    public void V9_PublishedLawFamily_TruthIsThePublishedLaw()
    {
        var law = PublishedLawFamily;
        var published = new CmrLaw(A4, S4, B3);
        foreach (double t in new[] { 50.0, 100.0, 200.0 })
        {
            Assert.Equal(published.At(t), law.TrueCmr(t, Epsilon), 1e-9); // T0-bound: the tolerance boundary is looser
            Assert.True(law.ToleranceBoundary(t, Epsilon) > law.T0Boundary(t) + 0.1);
        }
        Assert.Equal(0.2976, published.At(100), 4);
    }

    [Fact]
    public void V9_Planner_CmrLawTracksTheTrueCmrOverBudgets_PublishedLawFamily()
    {
        var result = PlanPublishedLawFamily(60e9, output);
        AssertGridFollowsTruth(result);
        Assert.NotNull(result.Law);
        var fitted = result.Law!;
        double unit = result.Options.TokenUnit / CmrLaw.PaperTokenUnit;
        output.WriteLine($"fitted CMR law: {fitted.Alpha4:G4} T^{fitted.S4:G4} + {fitted.Beta3:G4} (T in units of {result.Options.TokenUnit:G3} tokens), R² {result.LawRSquared:G4}");
        foreach (double t in new[] { 50.0, 100.0, 200.0 })
        {
            double predicted = fitted.At(t / unit), truth = new CmrLaw(A4, S4, B3).At(t);
            output.WriteLine($"T = {t}: CMR law {predicted:F4} vs true {truth:F4}");
            Assert.True(Math.Abs(predicted - truth) <= 0.03, $"CMR law at T = {t}: {predicted:F4} vs {truth:F4}");
        }
    }

    /// <summary>
    /// At the issue's budget (20B tokens, T = 100) the true CMR 29.76% lies between the tried ratios 0.2 (peak T ≈ 61)
    /// and 0.3 (peak T ≈ 101, inside the runs, which go to T = 300): interpolating T0 between them gives ≈ 0.297.
    /// </summary>
    [Fact]
    public void V9_Planner_TargetInsideTheRuns_InterpolatesTheT0BoundaryAtTheTarget()
    {
        var result = PlanPublishedLawFamily(20e9, output);
        Assert.True(Math.Abs(result.Cmr - 0.2976) <= 0.02, $"CMR {result.Cmr:F4} vs true 0.2976");
        AssertGridFollowsTruth(result);
    }
}
