namespace MixLab.Planning.Cmr;

/// <summary>Goodness of one curve fit (the paper's Table 3 reports MSE and R²).</summary>
public sealed record CurveQuality(double RSquared, double MeanSquaredError, bool Converged);

/// <summary>One run's fits and its feasibility at the target budget.</summary>
/// <param name="Run">Run name.</param>
/// <param name="Ratio">Domain ratio R.</param>
/// <param name="Curves">Fitted Eq. 6 token laws (T in token units).</param>
/// <param name="General">Fit quality of the general law.</param>
/// <param name="Domain">Fit quality of the domain law.</param>
/// <param name="T0">Critical point in token units (null: beyond the range).</param>
/// <param name="T0Kind">How T0 was found.</param>
/// <param name="PeakClosedForm">λ → ∞ closed form of T0, when it exists.</param>
/// <param name="GeneralDeltaAtTarget">Fitted general-loss change at the target budget.</param>
/// <param name="InTolerance">In the tolerance set A at the target budget (Eq. 1).</param>
/// <param name="Feasible">In the feasible set F: in A and T0 ≤ T_max (Definition 2).</param>
public sealed record CmrRunResult(string Run, double Ratio, TokenCurves Curves, CurveQuality General, CurveQuality Domain,
    double? T0, CriticalPointKind T0Kind, double? PeakClosedForm, double GeneralDeltaAtTarget, bool InTolerance, bool Feasible);

/// <summary>The critical ratio at one budget, read from the ratio law across runs.</summary>
/// <param name="Tokens">Budget in token units (tokens / TokenUnit).</param>
/// <param name="Ratio">Critical ratio there.</param>
/// <param name="Censored">True when the answer is a bound (every ratio, or none, within tolerance), not a crossing.</param>
/// <param name="CappedByT0">True when the T0 rule, not the tolerance, set the answer.</param>
public sealed record CmrGridPoint(double Tokens, double Ratio, bool Censored, bool CappedByT0);

/// <summary>The ratio law L(R) = α·R^s + β (CMR paper §1.2) fitted across runs to one loss at the target budget.</summary>
/// <param name="Loss">"general" or "domain".</param>
/// <param name="Alpha">α.</param>
/// <param name="S">s.</param>
/// <param name="Beta">β.</param>
/// <param name="RSquared">R² over the runs.</param>
/// <param name="Degenerate">True when the points do not identify the three parameters.</param>
public sealed record RatioLawFit(string Loss, double Alpha, double S, double Beta, double RSquared, bool Degenerate);

/// <summary>The same question answered by another law fitted to the same runs.</summary>
/// <param name="Method">Law name.</param>
/// <param name="Ratio">Largest domain ratio within the tolerance (null when the law could not be fitted).</param>
/// <param name="AtTokens">The budget the answer is for.</param>
/// <param name="Note">What the answer means or why it is missing.</param>
public sealed record CmrComparison(string Method, double? Ratio, double AtTokens, string Note);

/// <summary>The answer of <c>mixlab cmr</c> with everything that supports it.</summary>
public sealed record CmrResult(
    CmrOptions Options,
    double TargetTokens,
    double Cmr,
    double[]? Interval,
    string Method,
    double? LargestFeasibleTriedRatio,
    double ToleranceAbsolute,
    double BaseGeneralLoss,
    IReadOnlyList<CmrRunResult> Runs,
    IReadOnlyList<CmrGridPoint> Grid,
    CmrLaw? Law,
    double? LawRSquared,
    IReadOnlyList<RatioLawFit> RatioLaws,
    IReadOnlyList<CmrComparison> Comparisons,
    IReadOnlyList<string> Warnings,
    int BootstrapSamples,
    int BootstrapFailures,
    double[] BootstrapDraws);
