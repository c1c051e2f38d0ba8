using System.Runtime.Intrinsics;
using MixLab.Multiplicity;
using MixLab.Numerics;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// The batched KKT solver (<see cref="BatchedEndpoints"/>, used by <see cref="MultiplicityAnalysis"/>) gives the same exact
/// ranges as the per-point Lagrangian-path solver, merges duplicate rows correctly, and its vectorised exp / log1p match
/// the scalar library functions.
/// </summary>
public class BatchedEndpointsTests
{
    private static LogisticData Synthetic(int n, int p, int seed, bool duplicates)
    {
        var rng = new SeededRandom((ulong)seed, 3);
        var features = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            // With duplicates, every third row repeats an earlier feature vector (its label drawn afresh).
            features[i] = duplicates && i % 3 == 2 ? (double[])features[i / 3].Clone() : Enumerable.Range(0, p).Select(_ => rng.NextGaussian()).ToArray();
            double t = 0.9 * features[i][0] - 0.6 * features[i][1] + 0.2 * features[i][p - 1];
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-t)) ? 1 : 0;
        }
        return LogisticData.FromFeatures(features, labels);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.01, false)]
    [InlineData(0.0, true)]
    [InlineData(0.01, true)]
    public void Batched_and_per_point_solvers_give_the_same_ranges(double lambda, bool duplicates)
    {
        var data = Synthetic(260, 18, 11, duplicates);
        var options = new MultiplicityOptions { Lambda = lambda, Epsilons = [0.02, 1e-3, 5e-3], Threads = 2 };
        var batched = MultiplicityAnalysis.Run(data, options);
        var perPoint = MultiplicityAnalysis.Run(data, options with { PerPointOnly = true });
        for (int i = 0; i < data.Rows; i++)
            for (int k = 0; k < options.Epsilons.Count; k++)
            {
                var a = batched.Ranges[i][k];
                var b = perPoint.Ranges[i][k];
                Assert.Equal(b.Prediction, a.Prediction, 1e-12);
                Assert.Equal(b.Min, a.Min, 1e-8);
                Assert.Equal(b.Max, a.Max, 1e-8);
                Assert.Equal(b.MinAtLimit, a.MinAtLimit);
                Assert.Equal(b.MaxAtLimit, a.MaxAtLimit);
            }
        for (int k = 0; k < options.Epsilons.Count; k++)
        {
            Assert.Equal(perPoint.Summaries[k].MeanWidth, batched.Summaries[k].MeanWidth, 1e-8);
            Assert.Equal(perPoint.Summaries[k].DiscrepancyLowerBound!.Value, batched.Summaries[k].DiscrepancyLowerBound!.Value, 1e-12);
        }
    }

    [Fact]
    public void Rows_with_the_same_features_share_a_range_whatever_their_labels()
    {
        var data = Synthetic(150, 5, 4, duplicates: true);
        var rows = new CompressedRows(data);
        Assert.Equal(100, rows.Unique);                      // rows 3j+2 repeat row j
        Assert.Equal(data.Rows, (int)rows.Count.Sum());
        Assert.Equal(data.Y.Count(y => y == 1), (int)rows.Positives.Sum());
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [0.01] });
        for (int i = 2; i < data.Rows; i += 3)
        {
            Assert.Equal(result.Ranges[i / 3][0].Min, result.Ranges[i][0].Min);
            Assert.Equal(result.Ranges[i / 3][0].Max, result.Ranges[i][0].Max);
        }
    }

    [Fact]
    public void Vectorised_exp_and_log1p_match_the_scalar_functions()
    {
        var rng = new SeededRandom(1, 1);
        for (int i = 0; i < 20_000; i++)
        {
            double x = -rng.NextDouble() * (i % 2 == 0 ? 2 : 700);
            double e = BatchedEndpoints.ExpNonPositive(Vector256.Create(x)).GetElement(0);
            Assert.True(Math.Abs(e / Math.Exp(x) - 1) < 1e-15, $"exp({x}) = {e}, Math.Exp {Math.Exp(x)}");
            double u = rng.NextDouble();
            double l = BatchedEndpoints.Log1pUnit(Vector256.Create(u)).GetElement(0);
            Assert.True(Math.Abs(l - Math.Log(1 + u)) < 1e-15, $"log1p({u}) = {l}, Math.Log {Math.Log(1 + u)}");
        }
        Assert.Equal(1.0, BatchedEndpoints.ExpNonPositive(Vector256.Create(0.0)).GetElement(0));
        Assert.Equal(0.0, BatchedEndpoints.Log1pUnit(Vector256.Create(0.0)).GetElement(0));
        Assert.Equal(Math.Log(2), BatchedEndpoints.Log1pUnit(Vector256.Create(1.0)).GetElement(0), 1e-16);
    }

    [Fact]
    public void Fused_softplus_and_sigmoid_match_the_scalar_functions()
    {
        var rng = new SeededRandom(2, 1);
        for (int i = 0; i < 20_000; i++)
        {
            double z = (rng.NextDouble() * 2 - 1) * (i % 3 == 0 ? 1 : i % 3 == 1 ? 10 : 700);
            var (softplus, sigma) = BatchedEndpoints.SoftplusSigmoid(Vector256.Create(z));
            // Independent references: log(1 + e^z) = max(z, 0) + log(1 + e^−|z|), σ(z) = 1/(1 + e^−z) or e^z/(1 + e^z).
            double e = Math.Exp(-Math.Abs(z));
            double expectedSoftplus = Math.Max(z, 0) + Math.Log(1 + e);
            double expectedSigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            Assert.True(Math.Abs(softplus.GetElement(0) - expectedSoftplus) <= 1e-15 * Math.Max(1, expectedSoftplus), $"softplus({z}) = {softplus.GetElement(0)}, expected {expectedSoftplus}");
            Assert.True(Math.Abs(sigma.GetElement(0) / expectedSigma - 1) < 1e-15, $"sigma({z}) = {sigma.GetElement(0)}, expected {expectedSigma}");
        }
        var (atZero, half) = BatchedEndpoints.SoftplusSigmoid(Vector256.Create(0.0));
        Assert.Equal(Math.Log(2), atZero.GetElement(0), 1e-16);
        Assert.Equal(0.5, half.GetElement(0), 1e-16);
    }

    [Theory]
    [InlineData(1e-19, 1.0, 1e-3, true)]     // logit bound 1e-19 / 2e-3 = 5e-17
    [InlineData(1e-13, 1.0, 1e-3, false)]    // logit bound 5e-11 > 1e-11
    [InlineData(1e-13, 1e-14, 1e-3, true)]   // every residual below 1e-13
    [InlineData(1.9e-14, 1.0, 1e-3, true)]   // logit bound 0.95e-11
    [InlineData(2.1e-14, 1.0, 1e-3, false)]  // logit bound 1.05e-11
    [InlineData(2.1e-14, 1.0, 1e-2, true)]   // a larger multiplier: bound 1.05e-12
    public void Stationarity_bounds_the_logit_error_by_decrement_over_two_nu(double decrement, double maxResidual, double nu, bool expected)
    {
        Assert.Equal(1e-11, BatchedEndpoints.LogitTolerance);
        Assert.Equal(expected, BatchedEndpoints.Stationary(decrement, maxResidual, nu));
    }

    [Fact]
    public void Level_step_puts_the_quadratic_model_on_the_level()
    {
        var rng = new SeededRandom(7, 1);
        for (int i = 0; i < 1000; i++)
        {
            // A step Δw = Δν·a − b in a 2-d quadratic model with Hessian M = B⁻¹ (diagonal here): the level after the step is
            // f2 + gᵀΔw + ½ΔwᵀMΔw, evaluated directly.
            double m1 = 0.5 + rng.NextDouble(), m2 = 0.5 + rng.NextDouble();
            double v1 = rng.NextGaussian(), v2 = rng.NextGaussian();
            double nu = 0.01 + rng.NextDouble();
            double g1 = nu * v1 + 0.01 * rng.NextGaussian(), g2 = nu * v2 + 0.01 * rng.NextGaussian();
            double f11 = g1 - nu * v1, f12 = g2 - nu * v2;
            double a1 = v1 / m1, a2 = v2 / m2, b1 = f11 / m1, b2 = f12 / m2;
            double f2 = 0.02 * rng.NextGaussian();
            double ga = g1 * a1 + g2 * a2, gb = g1 * b1 + g2 * b2, qa = v1 * a1 + v2 * a2, vb = v1 * b1 + v2 * b2, dec = f11 * b1 + f12 * b2;
            double dNu = BatchedEndpoints.LevelStep(f2, ga, gb, qa, vb, dec);
            double w1 = dNu * a1 - b1, w2 = dNu * a2 - b2;
            double level = f2 + g1 * w1 + g2 * w2 + 0.5 * (m1 * w1 * w1 + m2 * w2 * w2);
            double linear = (gb - f2) / ga;
            double beta = ga - vb, gamma = f2 - gb + 0.5 * dec;
            if (beta * beta - 2 * qa * gamma >= 0)
            {
                Assert.True(Math.Abs(level) < 1e-12 * (1 + Math.Abs(f2)), $"level {level} after dNu {dNu}");
                // The root taken is the one nearer the linearised step.
                double other = -2 * beta / qa - dNu;
                Assert.True(Math.Abs(dNu - linear) <= Math.Abs(other - linear) + 1e-12);
            }
            else Assert.Equal(linear, dNu);
        }
    }

    [Fact]
    public void Vectorised_log_of_a_product_matches_the_scalar_function()
    {
        var rng = new SeededRandom(3, 1);
        for (int i = 0; i < 20_000; i++)
        {
            // Products of up to 32 factors in (1, 2], as the loss kernel forms them, and a few larger values.
            double x = i % 5 == 0 ? Math.Pow(2, rng.NextDouble() * 900) : Math.Pow(1 + rng.NextDouble(), rng.NextDouble() * 32);
            double l = BatchedEndpoints.LogAtLeastOne(Vector256.Create(x)).GetElement(0);
            double expected = Math.Log(x);
            Assert.True(Math.Abs(l - expected) <= 1e-15 * Math.Max(1, expected), $"log({x}) = {l}, Math.Log {expected}");
        }
        Assert.Equal(0.0, BatchedEndpoints.LogAtLeastOne(Vector256.Create(1.0)).GetElement(0));
        Assert.Equal(Math.Log(2), BatchedEndpoints.LogAtLeastOne(Vector256.Create(2.0)).GetElement(0), 1e-16);
        Assert.Equal(32 * Math.Log(2), BatchedEndpoints.LogAtLeastOne(Vector256.Create(Math.Pow(2, 32))).GetElement(0), 1e-14);
    }
}
