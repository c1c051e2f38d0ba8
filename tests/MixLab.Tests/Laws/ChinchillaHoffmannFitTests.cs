using MixLab.Laws;
using Xunit.Abstractions;

namespace MixLab.Tests.Laws;

/// <summary>Check V2 (laws.md §6): Hoffmann's 4,500-start protocol on the summed Huber loss.</summary>
[Collection(ChinchillaReferenceCollection.Name)]
public sealed class ChinchillaHoffmannFitTests(ChinchillaReferenceFits fits, ITestOutputHelper output)
{
    private const double V2Objective = 0.00101827402;

    private void AssertV2(FitResult fit)
    {
        var g = Assert.Single(fit.Groups);
        double P(string name) => g.FitParameters.Single(p => p.Name == name).Estimate;
        output.WriteLine($"polished={fit.Polished} objective={g.Metrics.Objective:R} a={P("a"):F5} b={P("b"):F5} e={P("e"):F6} alpha={P("alpha"):F6} beta={P("beta"):F6} " +
                         $"exit={g.ExitCondition} starts converged={g.StartsConverged}/{g.Starts}");
        Assert.Equal("huber", fit.Estimator);
        Assert.Equal(4500, g.Starts);
        Assert.Equal(240, g.Metrics.RowsFitted);
        Assert.True(g.Converged, g.ExitCondition);
        Assert.True(Math.Abs(g.Metrics.Objective - V2Objective) <= 1e-6 * V2Objective, $"objective {g.Metrics.Objective:R}");
        Assert.Equal(6.1692, P("a"), 0.01);
        Assert.Equal(7.6702, P("b"), 0.02);
        Assert.Equal(0.59731, P("e"), 0.001);
        Assert.Equal(0.34731, P("alpha"), 0.001);
        Assert.Equal(0.36717, P("beta"), 0.001);
        // Natural units (laws.md §3.2): A ≈ 477.8, B ≈ 2143.9, E = 1.817236.
        Assert.Equal(1.817236, fit.Estimate("E"), 0.001);
        Assert.Equal(477.842, fit.Estimate("A"), 477.842 * 0.01);
        Assert.Equal(2143.864, fit.Estimate("B"), 2143.864 * 0.02);
        Assert.DoesNotContain(g.Parameters, p => p.StandardError is not null); // no bootstrap
    }

    [Fact]
    public void V2_HoffmannProtocolFit_ReproducesEpochReplicateExactly()
    {
        // Polish off: L-BFGS from the 4,500 starts only, as Epoch's "replicate exactly" cell.
        Assert.False(fits.HuberGridUnpolished.Polished);
        AssertV2(fits.HuberGridUnpolished);
    }

    [Fact]
    public void V2_HoffmannProtocolFit_Polished_ReachesTheSameOptimumAndNeverWorse()
    {
        Assert.True(fits.HuberGrid.Polished);
        AssertV2(fits.HuberGrid);
        Assert.True(fits.HuberGrid.Groups[0].Metrics.Objective <= fits.HuberGridUnpolished.Groups[0].Metrics.Objective);
    }

    [Fact]
    public void V2_ObjectiveReported_EqualsTheSumAtTheReportedParameters()
    {
        var g = fits.HuberGrid.Groups[0];
        var law = new ChinchillaLaw().Bind(fits.Table, new LawOptions(), "all");
        double f = law.HuberSum(g.Theta, Enumerable.Repeat(1.0, 240).ToArray(), 1e-3, new double[5]);
        Assert.Equal(f, g.Metrics.Objective, f * 1e-12);
        Assert.Equal(240, fits.HuberGrid.Residuals.Count);
        Assert.All(fits.HuberGrid.Residuals, r => Assert.Equal(Math.Log(r.Predicted) - Math.Log(r.Observed), r.Residual, 1e-12));
    }
}
