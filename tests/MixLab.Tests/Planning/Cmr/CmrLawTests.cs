using MixLab.Planning.Cmr;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>Check V7 (laws.md §6 and §1.6): the CMR law with the transcribed Table 5 coefficients.</summary>
public sealed class CmrLawTests
{
    // Model, α4, s4, β3, R(100), R(250), R(50) in percent (laws.md §1.6, derived to 3 decimals).
    public static TheoryData<string, double, double, double, double, double, double> Table5 => new()
    {
        { "460M", 0.22524761, 0.26944345, -0.48139982, 29.762, 51.577, 16.490 },
        { "940M", 0.7520627, 0.13720245, -1.06581937, 34.886, 53.838, 22.052 },
        { "1.6B", -2.36384831, -0.15125569, 1.59223649, 41.434, 56.678, 28.414 },
        { "3.1B", -2.5368197, -0.42071423, 0.84375368, 47.828, 59.519, 35.453 },
    };

    [Theory]
    [MemberData(nameof(Table5))]
    public void V7_CmrLaw_PublishedCoefficients_ReproducePublishedCmrs(string model, double alpha4, double s4, double beta3, double at100, double at250, double at50)
    {
        var law = new CmrLaw(alpha4, s4, beta3);
        // Printed to 3 decimals of a percent: within 0.0005 percentage points.
        Assert.True(Math.Abs(100 * law.At(100) - at100) <= 5e-4 + 1e-12, $"{model}: R(100) = {100 * law.At(100):F4}%");
        Assert.True(Math.Abs(100 * law.At(250) - at250) <= 5e-4 + 1e-12, $"{model}: R(250) = {100 * law.At(250):F4}%");
        Assert.True(Math.Abs(100 * law.At(50) - at50) <= 5e-4 + 1e-12, $"{model}: R(50) = {100 * law.At(50):F4}%");
    }

    [Fact]
    public void V7_PublishedRoundings_29_76_34_89_41_4_47_8()
    {
        double R(double a, double s, double b) => 100 * new CmrLaw(a, s, b).At(100);
        Assert.Equal(29.76, Math.Round(R(0.22524761, 0.26944345, -0.48139982), 2));
        Assert.Equal(34.89, Math.Round(R(0.7520627, 0.13720245, -1.06581937), 2));
        Assert.Equal(41.4, Math.Round(R(-2.36384831, -0.15125569, 1.59223649), 1));
        Assert.Equal(47.8, Math.Round(R(-2.5368197, -0.42071423, 0.84375368), 1));
        Assert.Equal(2e8, CmrLaw.PaperTokenUnit); // T = 100 is 20B tokens
    }
}
