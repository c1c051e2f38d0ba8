using System.Globalization;
using MixLab.Laws;
using MixLab.Planning;
using MixLab.RunLogs;

namespace MixLab.Tests.Planning;

/// <summary>Check V6 (laws.md §6 and the tables of §3.4): compute-optimal allocation and point predictions.</summary>
public sealed class ComputeOptimalAllocationTests
{
    public sealed record ParameterSet(string Name, double E, double A, double B, double Alpha, double Beta)
    {
        public override string ToString() => Name;
    }

    private static readonly ParameterSet HoffmannRounded = new("Hoffmann rounded", 1.69, 406.4, 410.7, 0.34, 0.28);
    private static readonly ParameterSet HoffmannTex = new("Hoffmann TeX", Math.Exp(0.5267228), Math.Exp(6.0073404), Math.Exp(6.0179186), 0.33917084, 0.2849083);
    private static readonly ParameterSet Epoch = new("Epoch", 1.8172, 482.01, 2085.43, 0.3478, 0.3658);

    private static ParameterSet Set(string name) => name switch
    {
        "rounded" => HoffmannRounded,
        "tex" => HoffmannTex,
        "epoch" => Epoch,
        _ => throw new ArgumentException(name),
    };

    /// <summary>|actual − expected| within one unit of the last printed significant digit of <paramref name="expected"/>.</summary>
    private static void AssertSignificant(double expected, double actual, int digits, string what)
    {
        double unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - (digits - 1));
        Assert.True(Math.Abs(actual - expected) <= unit * (1 + 1e-9),
            $"{what}: expected {expected.ToString("G" + digits, CultureInfo.InvariantCulture)} to {digits} significant figures, got {actual:G8}");
    }

    // laws.md §3.4 "Computed examples (derived)". Note: the Epoch 1e21 row prints N* = 2.779e9, but the formula gives
    // 2.77846e9 (2.778e9 to 4 significant figures), so the comparison allows one unit of the last printed digit.
    public static TheoryData<string, double, double, double, double> AllocationTable => new()
    {
        { "rounded", 1e21, 1.824e9, 9.136e10, 50.1 },
        { "rounded", 5.88e23, 3.249e10, 3.016e12, 92.8 },
        { "rounded", 1e24, 4.130e10, 4.036e12, 97.7 },
        { "tex", 1e21, 2.217e9, 7.518e10, 33.9 },
        { "tex", 5.88e23, 4.074e10, 2.405e12, 59.0 },
        { "tex", 1e24, 5.192e10, 3.210e12, 61.8 },
        { "epoch", 1e21, 2.779e9, 5.999e10, 21.6 },
        { "epoch", 5.88e23, 7.302e10, 1.342e12, 18.4 },
        { "epoch", 1e24, 9.586e10, 1.739e12, 18.1 },
    };

    [Theory]
    [MemberData(nameof(AllocationTable))]
    public void V6_Allocation_ReproducesLawsTable(string set, double compute, double n, double d, double ratio)
    {
        var p = Set(set);
        var x = ComputeOptimalAllocation.At(compute, p.E, p.A, p.B, p.Alpha, p.Beta);
        Assert.Equal(compute, x.Compute);
        AssertSignificant(n, x.Params, 4, $"{p.Name} N*({compute:G3})");
        AssertSignificant(d, x.Tokens, 4, $"{p.Name} D*({compute:G3})");
        AssertSignificant(ratio, x.TokensPerParam, 3, $"{p.Name} D*/N*({compute:G3})");
        // The allocation spends exactly the budget: C = 6 N* D*.
        Assert.Equal(compute, 6 * x.Params * x.Tokens, compute * 1e-12);
        // Its loss is the law evaluated at (N*, D*).
        Assert.Equal(p.E + p.A * Math.Pow(x.Params, -p.Alpha) + p.B * Math.Pow(x.Tokens, -p.Beta), x.Loss, 1e-12);
    }

    [Fact]
    public void V6_EpochAtChinchillaCompute_MatchesWorkedExample()
    {
        var x = ComputeOptimalAllocation.At(5.88e23, Epoch.E, Epoch.A, Epoch.B, Epoch.Alpha, Epoch.Beta);
        AssertSignificant(7.302e10, x.Params, 4, "N*");
        AssertSignificant(1.342e12, x.Tokens, 4, "D*");
        AssertSignificant(18.38, x.TokensPerParam, 4, "D/N");
        Assert.Equal(6 * 70e9 * 1.4e12, 5.88e23, 1e8);
    }

    [Fact]
    public void V6_AllocationIsTheConstrainedMinimum()
    {
        // Moving N off N* along C = 6ND raises the loss on both sides.
        foreach (var p in new[] { HoffmannRounded, HoffmannTex, Epoch })
        {
            double c = 5.88e23;
            var x = ComputeOptimalAllocation.At(c, p.E, p.A, p.B, p.Alpha, p.Beta);
            double L(double n) => p.E + p.A * Math.Pow(n, -p.Alpha) + p.B * Math.Pow(c / (6 * n), -p.Beta);
            Assert.True(L(x.Params * 1.05) > x.Loss, p.Name);
            Assert.True(L(x.Params / 1.05) > x.Loss, p.Name);
        }
    }

    [Fact]
    public void V6_ScalingExponents_MatchPublishedValues()
    {
        Assert.Equal(0.5126, ComputeOptimalAllocation.ParamsExponent(Epoch.Alpha, Epoch.Beta), 0.00005);
        Assert.Equal(0.4516, ComputeOptimalAllocation.ParamsExponent(HoffmannRounded.Alpha, HoffmannRounded.Beta), 0.00005);
        Assert.Equal(0.4565, ComputeOptimalAllocation.ParamsExponent(HoffmannTex.Alpha, HoffmannTex.Beta), 0.00005);
        foreach (var p in new[] { HoffmannRounded, HoffmannTex, Epoch })
            Assert.Equal(1.0, ComputeOptimalAllocation.ParamsExponent(p.Alpha, p.Beta) + ComputeOptimalAllocation.TokensExponent(p.Alpha, p.Beta), 1e-15);
        // N* scales as C^a: doubling compute multiplies N* by 2^a.
        var x1 = ComputeOptimalAllocation.At(1e22, Epoch.E, Epoch.A, Epoch.B, Epoch.Alpha, Epoch.Beta);
        var x2 = ComputeOptimalAllocation.At(2e22, Epoch.E, Epoch.A, Epoch.B, Epoch.Alpha, Epoch.Beta);
        Assert.Equal(Math.Pow(2, 0.3658 / (0.3478 + 0.3658)), x2.Params / x1.Params, 1e-12);
    }

    [Fact]
    public void V6_IrreducibleLoss_DoesNotMoveTheOptimum()
    {
        var a = ComputeOptimalAllocation.At(1e23, 1.0, Epoch.A, Epoch.B, Epoch.Alpha, Epoch.Beta);
        var b = ComputeOptimalAllocation.At(1e23, 3.0, Epoch.A, Epoch.B, Epoch.Alpha, Epoch.Beta);
        Assert.Equal(a.Params, b.Params);
        Assert.Equal(a.Tokens, b.Tokens);
        Assert.Equal(2.0, b.Loss - a.Loss, 1e-12);
    }

    [Theory]
    [InlineData("rounded")]
    [InlineData("tex")]
    [InlineData("epoch")]
    public void V6_ComputeFor_InvertsAt(string set)
    {
        var p = Set(set);
        foreach (double c in new[] { 1e19, 1e21, 5.88e23, 1e24, 1e27 })
        {
            var x = ComputeOptimalAllocation.At(c, p.E, p.A, p.B, p.Alpha, p.Beta);
            double back = ComputeOptimalAllocation.ComputeFor(x.Loss - p.E, p.A, p.B, p.Alpha, p.Beta);
            Assert.True(Math.Abs(back - c) <= 1e-9 * c, $"{p.Name}: C = {c:G4}, ComputeFor(L* − E) = {back:G10}");
        }
    }

    // laws.md §3.4 "Point predictions (derived)".
    [Theory]
    [InlineData("rounded", 1.9366, 1.9933)]
    [InlineData("tex", 1.9208, 1.9672)]
    [InlineData("epoch", 1.9739, 1.9996)]
    public void V6_PointPredictions_ThroughChinchillaLaw_MatchLawsTable(string set, double chinchilla, double gopherLike)
    {
        var p = Set(set);
        // Evaluate through the law itself (θ = (a, b, e, α, β) in log space) on a two-row table.
        var table = new RunLogTable("predictions", ["params", "tokens", "loss"], new Dictionary<string, string?[]>
        {
            ["params"] = ["70e9", "280e9"],
            ["tokens"] = ["1.4e12", "300e9"],
            ["loss"] = ["2", "2"],
        }, [2, 3]);
        var law = new ChinchillaLaw().Bind(table, new LawOptions(), "all");
        double[] theta = [Math.Log(p.A), Math.Log(p.B), Math.Log(p.E), p.Alpha, p.Beta];
        Assert.Equal(chinchilla, law.PredictLoss(theta, 0), 0.0001);
        Assert.Equal(gopherLike, law.PredictLoss(theta, 1), 0.0001);
        Assert.Equal(p.E + p.A / Math.Pow(70e9, p.Alpha) + p.B / Math.Pow(1.4e12, p.Beta), law.PredictLoss(theta, 0), 1e-12);
    }
}
