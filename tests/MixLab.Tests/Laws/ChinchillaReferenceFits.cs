using MixLab.Laws;
using MixLab.RunLogs;

namespace MixLab.Tests.Laws;

/// <summary>
/// The two expensive fits of the 240-row Epoch CSV, computed once and shared by the reference tests
/// (laws.md §6 V2, V3, V5): the full 4,500-start Huber grid without bootstrap, and Epoch's Huber-likelihood
/// MLE with 4,000 bootstrap resamples (seed 42).
/// </summary>
public sealed class ChinchillaReferenceFits
{
    private readonly Lazy<RunLogTable> _table = new(TestData.Chinchilla240);
    private readonly Lazy<FitResult> _huberGrid;
    private readonly Lazy<FitResult> _huberGridUnpolished;
    private readonly Lazy<FitResult> _mleBootstrap;

    public ChinchillaReferenceFits()
    {
        _huberGrid = new(() => LawFitter.Fit(Table, new FitRequest
        {
            Law = new ChinchillaLaw(),
            Estimator = Estimator.Huber,
            BootstrapSamples = 0,
            GroupBy = null,
        }));
        _huberGridUnpolished = new(() => LawFitter.Fit(Table, new FitRequest
        {
            Law = new ChinchillaLaw(),
            Estimator = Estimator.Huber,
            BootstrapSamples = 0,
            GroupBy = null,
            Polish = false,
        }));
        _mleBootstrap = new(() => LawFitter.Fit(Table, new FitRequest
        {
            Law = new ChinchillaLaw(),
            Estimator = Estimator.Mle,
            BootstrapSamples = 4000,
            Seed = 42,
            GroupBy = null,
        }));
    }

    /// <summary>The 240 rows left by the outlier rule.</summary>
    public RunLogTable Table => _table.Value;

    /// <summary>Hoffmann protocol: 4,500-start L-BFGS on the summed Huber loss, polished by BFGS (the default), no bootstrap (V2).</summary>
    public FitResult HuberGrid => _huberGrid.Value;

    /// <summary>The same without the polish: Epoch AI's "replicate exactly" cell (SciPy L-BFGS-B only).</summary>
    public FitResult HuberGridUnpolished => _huberGridUnpolished.Value;

    /// <summary>Epoch's MLE with 4,000 bootstrap refits, seed 42 (V3, V5).</summary>
    public FitResult MleBootstrap => _mleBootstrap.Value;
}

[CollectionDefinition(Name)]
public sealed class ChinchillaReferenceCollection : ICollectionFixture<ChinchillaReferenceFits>
{
    public const string Name = "Chinchilla reference fits";
}
