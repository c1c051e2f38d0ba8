using MixLab.Planning.Moe;

namespace MixLab.Tests.Planning.Moe;

/// <summary>The separable laws (Eqs. 10–12) fitted to runs that follow the joint law exactly recover the joint law's pieces.</summary>
public class IntermediateElLawsTests
{
    private static readonly EfficiencyLeverageLaw Law = EfficiencyLeverageLaw.Paper;

    private static List<ElPoint> ExactPoints()
    {
        var points = new List<ElPoint>();
        foreach (double a in new[] { 1.0 / 128, 1.0 / 64, 1.0 / 32, 1.0 / 8 })
            foreach (double g in new[] { 2.0, 4, 8, 12, 16 })
                foreach (double c in new[] { 1e18, 1e19, 1e20 })
                {
                    double el = Law.At(a, g, c);
                    points.Add(new ElPoint($"a{a}-g{g}-c{c}", 0, c, 3.0, a, g, el * c, el, false));
                }
        return points;
    }

    [Fact]
    public void ComputeLaw_SlopeEqualsDTimesLogAhat_InEverySlice()
    {
        var fits = IntermediateElLaws.Fit(ExactPoints(), Law).Where(f => f.Law == "compute").ToList();
        Assert.Equal(4 * 5, fits.Count);
        foreach (var f in fits)
        {
            double a = double.Parse(f.Slice.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
            double expected = Law.D * Math.Log(Law.SaturatedActivation(a));
            Assert.Equal(expected, f.Coefficients["a_C"], 3); // the slice label rounds A to 4 figures
            Assert.True(f.RSquared > 0.999999);
        }
    }

    [Fact]
    public void GranularityLaw_PutsTheOptimumWhereTheJointLawDoes()
    {
        var fits = IntermediateElLaws.Fit(ExactPoints(), Law).Where(f => f.Law == "granularity").ToList();
        Assert.Equal(4 * 3, fits.Count);
        Assert.All(fits, f => Assert.Equal(Law.OptimalGranularity, f.Coefficients["optimal_granularity"], 6));
    }

    [Fact]
    public void ActivationLaw_ExponentEqualsTheJointExponentOfItsSlice()
    {
        var fits = IntermediateElLaws.Fit(ExactPoints(), Law).Where(f => f.Law == "activation").ToList();
        Assert.Equal(5 * 3, fits.Count);
        var f = fits.Single(x => x.Slice == "G=8, C=1E+19");
        Assert.Equal(Law.Exponent(8, 1e19), f.Coefficients["a_A"], 9);
    }
}
