using MixLab.Planning.Cmr;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>Check V7 (laws.md §6 B, §1.5–1.6): the CMR law R_CMR(T) = α4 T^s4 + β3 with the transcribed coefficients.</summary>
public sealed class CmrPublishedLawV7Tests
{
    // Model, α4, s4, β3, published CMR at T = 100 in percent with its printed decimals, derived R(250) in percent.
    public static TheoryData<string, double, double, double, double, int, double> Published => new()
    {
        { "460M", 0.22524761, 0.26944345, -0.48139982, 29.76, 2, 51.58 },
        { "940M", 0.7520627, 0.13720245, -1.06581937, 34.89, 2, 53.84 },
        { "1.6B", -2.36384831, -0.15125569, 1.59223649, 41.4, 1, 56.68 },
        { "3.1B", -2.5368197, -0.42071423, 0.84375368, 47.8, 1, 59.52 },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void V7_PublishedCoefficients_GiveThePublishedCmrAt20BTokens(string model, double alpha4, double s4, double beta3,
        double percentAt100, int decimals, double percentAt250)
    {
        var law = new CmrLaw(alpha4, s4, beta3);
        Assert.Equal(alpha4, law.Alpha4);
        Assert.Equal(s4, law.S4);
        Assert.Equal(beta3, law.Beta3);

        // T = 100 is T_max = 20B tokens in the paper's units of 0.2B.
        double at100 = 100 * law.At(20e9 / CmrLaw.PaperTokenUnit);
        Assert.Equal(100 * law.At(100), at100, 12);
        Assert.True(Math.Round(at100, decimals) == percentAt100, $"{model}: R(100) = {at100:F4}% rounds to {Math.Round(at100, decimals)}, published {percentAt100}%");

        double at250 = 100 * law.At(250);
        Assert.True(Math.Abs(at250 - percentAt250) <= 0.01, $"{model}: R(250) = {at250:F4}% vs {percentAt250}%");
        // The CMR grows with the budget for every model.
        Assert.True(law.At(50) < law.At(100) && law.At(100) < law.At(250), $"{model}: not increasing in T");
    }

    [Fact]
    public void V7_CmrGrowsWithModelSize_AtTheSameBudget()
    {
        var at100 = Published.Select(row => new CmrLaw((double)row[1], (double)row[2], (double)row[3]).At(100)).ToArray();
        for (int i = 1; i < at100.Length; i++) Assert.True(at100[i] > at100[i - 1], $"model {i}: {at100[i]} ≤ {at100[i - 1]}");
    }
}
