namespace MixLab.Laws;

/// <summary>Which objective gives the point estimate.</summary>
public enum Estimator
{
    /// <summary>Minimum of the summed Huber loss over the start grid (Hoffmann's protocol, Epoch's "replicate exactly").</summary>
    Huber,
    /// <summary>Huber-likelihood maximum with a fitted scale σ (Epoch AI's headline estimate), started from the Huber fit.</summary>
    Mle,
}

/// <summary>Rows kept out of the fit to measure extrapolation: the largest scales, or a seeded random fraction.</summary>
/// <param name="Largest">Hold out the rows at the K largest distinct scale values (compute for Chinchilla, x for one-variable laws).</param>
/// <param name="Fraction">Hold out this fraction of rows at random (seeded).</param>
public sealed record HoldoutSpec(int? Largest, double? Fraction)
{
    /// <summary>Parses <c>largest:K</c> or <c>fraction:F</c>; returns null and an error text when malformed.</summary>
    public static HoldoutSpec? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split(':', 2);
        if (parts.Length == 2 && parts[0] == "largest" && int.TryParse(parts[1], out int k) && k > 0) return new HoldoutSpec(k, null);
        if (parts.Length == 2 && parts[0] == "fraction" && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double f) && f > 0 && f < 1)
            return new HoldoutSpec(null, f);
        error = $"--holdout '{text}': use largest:K (K ≥ 1) or fraction:F (0 < F < 1)";
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Largest is { } k ? $"largest:{k}" : $"fraction:{Fraction}";
}

/// <summary>Everything that defines one fit: the law, its inputs, the estimator and the uncertainty protocol.</summary>
public sealed record FitRequest
{
    /// <summary>The law to fit.</summary>
    public required LawDefinition Law { get; init; }
    /// <summary>The law's input choices.</summary>
    public LawOptions LawOptions { get; init; } = new();
    /// <summary>Point estimator.</summary>
    public Estimator Estimator { get; init; } = Estimator.Huber;
    /// <summary>Huber δ (laws.md §3.1: 1e-3).</summary>
    public double Delta { get; init; } = Numerics.Huber.DefaultDelta;
    /// <summary>Sum (faithful) or mean (Hoffmann's mistake, for check V4) over rows.</summary>
    public HuberObjective.Reduction Reduction { get; init; } = HuberObjective.Reduction.Sum;
    /// <summary>Bootstrap resamples; 0 for none (Epoch: 4,000).</summary>
    public int BootstrapSamples { get; init; } = 4000;
    /// <summary>Seed of every random choice (bootstrap, random hold-out).</summary>
    public ulong Seed { get; init; } = 42;
    /// <summary>Level of the percentile intervals.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
    /// <summary>Rows held out of the fit, if any.</summary>
    public HoldoutSpec? Holdout { get; init; }
    /// <summary>Column whose values define independent fit groups (default eval_domain; null for one group).</summary>
    public string? GroupBy { get; init; } = RunLogs.RunLogColumns.EvalDomain;
    /// <summary>
    /// Refine the best start with gradient-only BFGS (on by default). Off reproduces SciPy's L-BFGS-B result exactly,
    /// as Epoch AI's "replicate exactly" cell does.
    /// </summary>
    public bool Polish { get; init; } = true;

    /// <summary>Use only every k-th start of the law's grid (1 = all); for quick looks and tests.</summary>
    public int StartStride { get; init; } = 1;
    /// <summary>Degree of parallelism; null for all cores. Results do not depend on it.</summary>
    public int? Threads { get; init; }
}
