using MixLab.Planning.Moe;
using MixLab.RunLogs;

namespace MixLab.Tests.Planning.Moe;

/// <summary>The EL refit's bootstrap SEs account for the coefficients that generated the sample, and the high-EL
/// validation split (the paper's Fig. 9 protocol) predicts the held-out runs.</summary>
public class ElLawFitterIntervalTests
{
    [Fact]
    public void BootstrapStandardErrors_PutEveryGeneratingCoefficientWithinThreeSe()
    {
        var fit = ElLawFitter.Fit(RunLogReader.Read(MoeTestData.RunsCsv), EfficiencyLeverageLaw.Paper, new ElFitOptions(BootstrapSamples: 100, Threads: 2));
        var truth = EfficiencyLeverageLaw.Paper;
        double[] expected = [truth.A, truth.D, truth.Gamma, truth.Beta, truth.AStart];
        for (int k = 0; k < expected.Length; k++)
        {
            var c = fit.Coefficients[k];
            // One noisy sample: a 95 % interval may miss one of five coefficients, so check the distance in SEs instead.
            Assert.NotNull(c.Interval);
            Assert.True(c.StandardError > 0);
            Assert.True(Math.Abs(c.Estimate - expected[k]) <= 3 * c.StandardError!.Value, $"{c.Name}: {c.Estimate} is {Math.Abs(c.Estimate - expected[k]) / c.StandardError:F1} SE from {expected[k]}");
        }
    }

    [Fact]
    public void ValidateAbove_HoldsOutHighLeverageRuns_AndPredictsThemWithinFivePercent()
    {
        var fit = ElLawFitter.Fit(RunLogReader.Read(MoeTestData.RunsCsv), EfficiencyLeverageLaw.Paper, new ElFitOptions(BootstrapSamples: 0, ValidateAbove: 6));
        var held = fit.Points.Where((p, i) => fit.HeldOut[i]).ToList();
        Assert.NotEmpty(held);
        Assert.All(held, p => Assert.True(p.El >= 6));
        Assert.All(fit.Points.Where((p, i) => !fit.HeldOut[i]), p => Assert.True(p.El < 6));
        Assert.NotNull(fit.HeldOutRelativeError);
        Assert.InRange(fit.HeldOutRelativeError!.Value, 0, 0.05);
    }

    [Fact]
    public void ValidateAbove_LeavingTooFewRunsToFit_IsAnError()
    {
        var e = Assert.Throws<RunLogException>(() =>
            ElLawFitter.Fit(RunLogReader.Read(MoeTestData.RunsCsv), EfficiencyLeverageLaw.Paper, new ElFitOptions(BootstrapSamples: 0, ValidateAbove: 1.01)));
        Assert.Contains("at least 6", e.Message);
    }
}
