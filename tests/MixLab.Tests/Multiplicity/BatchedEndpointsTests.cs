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
}
