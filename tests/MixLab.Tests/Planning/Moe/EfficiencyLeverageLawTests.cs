using MixLab.Planning.Moe;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// moe.md §7.1: the EL law of Eq. 13 with Table 2's coefficients, log₁₀ C and log₂ G, A = E_a/E. Every expected value is
/// (derived) from the published coefficients; tolerance 1e−3 relative unless a value is printed with fewer digits.
/// </summary>
public sealed class EfficiencyLeverageLawTests
{
    private static readonly EfficiencyLeverageLaw Law = EfficiencyLeverageLaw.Paper;

    [Fact]
    public void Paper_coefficients_and_bases_are_table_2_with_log10_C_and_log2_G()
    {
        Assert.Equal(1.23, Law.A);
        Assert.Equal(-0.0761, Law.D);   // the printed negative value (moe.md §2.8 sign issue)
        Assert.Equal(0.0167, Law.Gamma);
        Assert.Equal(-0.117, Law.Beta);
        Assert.Equal(0.0163, Law.AStart);
        Assert.Equal(5.28e16, Law.AMax);
        Assert.Equal(10, Law.ComputeLogBase);
        Assert.Equal(2, Law.GranularityLogBase);
    }

    [Theory]
    [InlineData(1.0, 1.01630)]
    [InlineData(0.031, 0.04730)]
    [InlineData(0.0078, 0.02410)]
    public void Saturated_activation_matches_eq_10(double a, double expected) =>
        Rel(expected, Law.SaturatedActivation(a), 1e-3, $"Â({a})");

    [Fact]
    public void Alpha_at_1e22_is_minus_0_44420()
    {
        // log G = 0 at G = 1, so the exponent is α = a + d·log₁₀ C alone.
        Rel(-0.44420, Law.Exponent(1, 1e22), 1e-4, "α(1e22)");
        Rel(-0.44420, Law.A + Law.D * Math.Log10(1e22), 1e-4, "α from the public coefficients");
    }

    [Theory]
    [InlineData(2, -0.1003)]
    [InlineData(8, -0.2007)]
    [InlineData(12, -0.2048)]
    [InlineData(16, -0.2008)]
    [InlineData(32, -0.1675)]
    public void Granularity_term_of_the_exponent(double g, double expected)
    {
        double term = Law.Exponent(g, 1e22) - Law.Exponent(1, 1e22);
        Rel(expected, term, 1e-3, $"γ(log₂ G)² + β log₂ G at G = {g}");
        // The G part does not depend on C.
        Abs(term, Law.Exponent(g, 1e18) - Law.Exponent(1, 1e18), 1e-12, "G term at 1e18");
    }

    [Fact]
    public void Optimal_granularity_is_11_34_and_maximises_EL()
    {
        Rel(11.34, Law.OptimalGranularity, 1e-3, "G*");
        Rel(3.5030, Math.Log2(Law.OptimalGranularity), 1e-4, "log₂ G*");
        foreach (double c in new[] { 1e18, 1e20, 1e22 })
            foreach (double a in new[] { 0.0078, 0.031, 0.25 })
            {
                double best = Law.At(a, Law.OptimalGranularity, c);
                foreach (double g in new[] { 2.0, 4, 8, 10, 11, 12, 13, 16, 32, 64 })
                    Assert.True(Law.At(a, g, c) <= best * (1 + 1e-12), $"EL({a}, {g}, {c:G2}) exceeds EL at G* = {Law.OptimalGranularity}");
            }
    }

    [Fact]
    public void Headline_EL_at_3_1_percent_G12_1e22_is_7_245()
    {
        double el = Law.At(0.031, 12, 1e22);
        Rel(7.245, el, 1e-3, "EL(0.031, 12, 1e22)");
        Assert.True(el > 7, "the paper's headline is EL > 7");
    }

    public static TheoryData<double, double[]> Grid => new()
    {
        { 1e18, [2.080, 2.826, 2.862, 2.802, 3.277, 3.610, 2.446, 1.172, 0.996] },
        { 1e20, [3.310, 4.497, 4.554, 4.416, 5.536, 6.364, 4.313, 1.296, 0.994] },
        { 6e20, [3.966, 5.387, 5.455, 5.272, 6.788, 7.935, 5.377, 1.348, 0.993] },
        { 1e22, [5.267, 7.155, 7.245, 6.961, 9.351, 11.219, 7.603, 1.433, 0.991] },
        { 1e23, [6.643, 9.025, 9.139, 8.740, 12.153, 14.896, 10.095, 1.507, 0.990] },
    };

    private static readonly (double A, double G)[] GridColumns =
        [(0.031, 2), (0.031, 8), (0.031, 12), (0.034, 12), (1.0 / 64, 12), (1.0 / 128, 12), (0.0078, 2), (0.5, 2), (1.0, 2)];

    [Theory]
    [MemberData(nameof(Grid))]
    public void Grid_of_EL_values(double compute, double[] expected)
    {
        for (int j = 0; j < GridColumns.Length; j++)
        {
            var (a, g) = GridColumns[j];
            Rel(expected[j], Law.At(a, g, compute), 1e-3, $"EL(A={a:G4}, G={g}, C={compute:G2})");
        }
    }

    private static readonly double[] Activations = [0.0078, 1.0 / 64, 0.031, 0.034, 0.0625, 0.125, 0.25, 0.5, 1.0];
    private static readonly double[] Computes = [1e18, 1e19, 1e20, 6e20, 1e21, 1e22, 1e23];
    private static readonly double[] Granularities = [2, 4, 8, 12, 16];

    [Fact]
    public void EL_decreases_monotonically_in_A()
    {
        foreach (double c in Computes)
            foreach (double g in Granularities)
                for (int i = 1; i < Activations.Length; i++)
                    Assert.True(Law.At(Activations[i], g, c) < Law.At(Activations[i - 1], g, c),
                        $"EL should fall from A = {Activations[i - 1]} to {Activations[i]} at G = {g}, C = {c:G2}");
    }

    [Fact]
    public void EL_increases_monotonically_in_C_below_A_1()
    {
        foreach (double a in Activations.Where(a => a < 1))
            foreach (double g in Granularities)
                for (int i = 1; i < Computes.Length; i++)
                    Assert.True(Law.At(a, g, Computes[i]) > Law.At(a, g, Computes[i - 1]),
                        $"EL should rise from C = {Computes[i - 1]:G2} to {Computes[i]:G2} at A = {a}, G = {g}");
    }

    [Fact]
    public void EL_of_a_dense_model_is_about_one()
    {
        // moe.md §7.1: EL(1, ·, ·) ∈ [0.99, 1.0]; this holds exactly at the grid's G = 2 over 1e18–1e23 (at G = 12 and 1e22 it is
        // 0.9896, since Â(1) = 1.0163 > 1), so the tight band is checked at G = 2 and a looser one elsewhere.
        foreach (double c in Computes)
        {
            double el = Law.At(1.0, 2, c);
            Assert.InRange(el, 0.99, 1.0);
            foreach (double g in Granularities) Assert.InRange(Law.At(1.0, g, c), 0.985, 1.0);
        }
    }

    [Fact]
    public void EL_is_flat_for_G_between_8_and_16()
    {
        Rel(7.155, Law.At(0.031, 8, 1e22), 1e-3, "G = 8");
        Rel(7.245, Law.At(0.031, 12, 1e22), 1e-3, "G = 12");
        Rel(7.157, Law.At(0.031, 16, 1e22), 1e-3, "G = 16");
        var values = Enumerable.Range(8, 9).Select(g => Law.At(0.031, g, 1e22)).ToArray();
        Assert.True(values.Max() / values.Min() < 1.015, $"EL over G = 8..16 spans {values.Min():F3}..{values.Max():F3}");
        Assert.True(Law.At(0.031, 2, 1e22) < 0.75 * values.Min(), "G = 2 is clearly worse than the flat region");
    }

    [Fact]
    public void Natural_log_of_G_gives_6_875_and_an_optimum_of_33_2()
    {
        var ln = Law with { GranularityLogBase = Math.E };
        Rel(6.875, ln.At(0.031, 12, 1e22), 1e-3, "EL with ln G");
        Rel(33.2, ln.OptimalGranularity, 2e-3, "G* with ln G");
        Assert.True(ln.At(0.031, 12, 1e22) < 7, "ln G falls short of the paper's > 7");
    }

    [Fact]
    public void Log_bases_other_than_10_for_C_give_absurd_EL()
    {
        // moe.md §7.1 guard test: ≈ 5.3e3 with ln C and ≈ 1.0e6 with log₂ C. Those two values are what ln G gives alongside
        // (5331 and 9.7e5); with the default log₂ G the ln-C value is 5.62e3 and the log₂-C one 1.03e6.
        var lnC = Law with { ComputeLogBase = Math.E };
        var log2C = Law with { ComputeLogBase = 2 };
        Rel(5.3e3, (lnC with { GranularityLogBase = Math.E }).At(0.031, 12, 1e22), 0.01, "ln C, ln G");
        Rel(1.0e6, (log2C with { GranularityLogBase = Math.E }).At(0.031, 12, 1e22), 0.05, "log₂ C, ln G");
        Rel(5.62e3, lnC.At(0.031, 12, 1e22), 0.01, "ln C, log₂ G");
        Rel(1.03e6, log2C.At(0.031, 12, 1e22), 0.01, "log₂ C, log₂ G");
        Assert.True(lnC.At(0.031, 12, 1e22) > 500 * Law.At(0.031, 12, 1e22), "ln C must be absurdly large next to log10 C");
    }

    [Theory]
    [InlineData(1e22, 7.130)]
    [InlineData(9.47e22, 8.94)]
    [InlineData(5.84e23, 10.74)]
    [InlineData(5.82e24, 13.54)]
    public void Ling_2_0_design_point_A_1_32_G_8(double compute, double expected) =>
        Rel(expected, Law.At(1.0 / 32, 8, compute), 1e-3, $"EL(1/32, 8, {compute:G3})");

    [Fact]
    public void Ling_2_0_models_at_20T_tokens_from_their_configs()
    {
        // C = 6·N_act,non-emb·20e12 from the sample configs (moe.md §5.3): mini 8.9, flash 10.7, 1T 13.5.
        foreach (var (name, expected) in new[] { ("ling-mini-2.0", 8.94), ("ling-flash-2.0", 10.74), ("ling-1t", 13.54) })
        {
            var config = ReadSample(name);
            var r = MoeRatios.Of(config);
            Assert.Equal(1.0 / 32, r.ActivationRouted);
            Assert.Equal(8, r.Granularity);
            double c = 6.0 * ParameterCounter.Count(config).ActiveNonEmbedding * 20e12;
            Rel(expected, Law.At(r.ActivationRouted, r.Granularity, c), 2e-3, name);
        }
    }

    [Fact]
    public void Ling_mini_beta_predictions()
    {
        // moe.md §4.3: 6.98 with A = 13/385, 7.09 at 8.3e21, 6.74 at 5.0e21 (all at A = 12/384, G = 12). The table's first row
        // ("A = 3.125 %, 1e22: 7.25") is the A = 3.1 % headline; at exactly 12/384 the law gives 7.220.
        Rel(7.245, Law.At(0.031, 12, 1e22), 1e-3, "A = 3.1 %");
        Rel(7.220, Law.At(12.0 / 384, 12, 1e22), 1e-3, "A = 3.125 %");
        Rel(6.98, Law.At(13.0 / 385, 12, 1e22), 2e-3, "A = 13/385");
        Rel(7.09, Law.At(12.0 / 384, 12, 8.3e21), 2e-3, "C = 8.3e21");
        Rel(6.74, Law.At(12.0 / 384, 12, 5.0e21), 2e-3, "C = 5.0e21");
    }

    [Theory]
    [InlineData(0.0, 12, 1e22)]
    [InlineData(-0.1, 12, 1e22)]
    [InlineData(1.5, 12, 1e22)]
    [InlineData(double.NaN, 12, 1e22)]
    [InlineData(0.031, 0, 1e22)]
    [InlineData(0.031, 12, 0)]
    [InlineData(0.031, 12, -1e22)]
    public void Out_of_domain_inputs_throw(double a, double g, double c) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Law.At(a, g, c));

    [Theory]
    [InlineData(1e17, 1.0)]
    [InlineData(1e18, 0.0)]
    [InlineData(1e19, 0.0)]
    [InlineData(6e20, 0.0)]
    [InlineData(1e21, 0.2218)]
    [InlineData(1e22, 1.2218)]
    [InlineData(6e24, 4.0)]
    public void Decades_outside_the_fitted_range(double compute, double expected)
    {
        Assert.Equal((1e18, 6e20), EfficiencyLeverageLaw.FittedComputeRange);
        Abs(expected, EfficiencyLeverageLaw.DecadesOutsideFittedRange(compute), 1e-4, $"decades at {compute:G2}");
    }
}
