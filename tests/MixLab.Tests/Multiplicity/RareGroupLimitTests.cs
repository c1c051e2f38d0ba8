using MixLab.Multiplicity;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// λ = 0, a 9-row group with 8 positives: the data are not separable, so every endpoint is attained by a finite model even
/// when a wide level set pushes the group to p ≈ 1 − 1e-9 (multiplicity.md §2.5); neither solver may report a limit there.
/// </summary>
public class RareGroupLimitTests
{
    private static LogisticData RareGroup()
    {
        var random = new Random(7);
        var features = new double[400][];
        var labels = new int[400];
        for (int i = 0; i < 400; i++)
        {
            double x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            x = Math.Round(x, 4);
            int r = i < 9 ? 1 : 0;
            labels[i] = r == 1 ? (i == 0 ? 0 : 1) : (random.NextDouble() < 1 / (1 + Math.Exp(-x)) ? 1 : 0);
            features[i] = [x, r];
        }
        return LogisticData.FromFeatures(features, labels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_endpoint_is_reported_as_a_limit(bool perPointOnly)
    {
        var data = RareGroup();
        var result = MultiplicityAnalysis.Run(data, new MultiplicityOptions { Epsilons = [0.01, 0.05], PerPointOnly = perPointOnly });
        Assert.True(result.Model.Converged);
        for (int i = 0; i < data.Rows; i++)
            for (int k = 0; k < 2; k++)
            {
                var r = result.Ranges[i][k];
                Assert.False(r.MinAtLimit || r.MaxAtLimit, $"row {i}, eps index {k}: [{r.Min}, {r.Max}] reported at a limit");
            }
        // Pushed close to 1 by the wide level set (as in the CLI test), but by a finite model.
        for (int i = 0; i < 9; i++) Assert.True(result.Ranges[i][1].Max > 0.99, $"row {i}: max {result.Ranges[i][1].Max}");
    }
}
