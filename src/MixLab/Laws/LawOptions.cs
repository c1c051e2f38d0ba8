namespace MixLab.Laws;

/// <summary>Options that choose a law's inputs. Each law reads only those it needs.</summary>
public sealed record LawOptions
{
    /// <summary>Column of the single variable of one-variable laws (power, CMR laws).</summary>
    public string? X { get; init; }

    /// <summary>The variable is divided by this unit before fitting (e.g. 2e8 to count tokens in the CMR paper's 0.2B units).</summary>
    public double XScale { get; init; } = 1;

    /// <summary>Column whose values split one fit group into curves (power law).</summary>
    public string? CurveBy { get; init; }

    /// <summary>One exponent shared by all curves (the Data Mixing Laws step law with tied α).</summary>
    public bool SharedExponent { get; init; }

    /// <summary>Bounds put on every exponent parameter, replacing the law's defaults.</summary>
    public (double Lower, double Upper)? ExponentBounds { get; init; }

    /// <summary>Training domain whose share <c>mix.&lt;domain&gt;</c> is the variable r (D-CPT); default: the fit group's name.</summary>
    public string? Share { get; init; }
}
