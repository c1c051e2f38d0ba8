using MixLab.Multiplicity;
using MixLab.Numerics;

namespace MixLab.Tests.Multiplicity;

/// <summary>The chord iterations (one factorised Hessian per endpoint) give the same exact ranges as full Newton solves.</summary>
public class ChordIterationTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void ChordAndFullNewton_GiveTheSameRanges_OnTwentyFeatures(double lambda)
    {
        var rng = new SeededRandom(2026, 5);
        int n = 300, p = 20;
        var features = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            features[i] = Enumerable.Range(0, p).Select(_ => rng.NextGaussian()).ToArray();
            double t = 0.8 * features[i][0] - 0.5 * features[i][1] + 0.3 * features[i][2];
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-t)) ? 1 : 0;
        }
        var data = LogisticData.FromFeatures(features, labels);
        var model = LogisticRegressionFit.Fit(data, lambda);
        int d = data.Columns;
        var h = new double[d * d];
        LogisticLoss.ValueGradientHessian(data, lambda, model.Weights, new double[d], h);
        var factor = new DenseCholesky(d);
        Assert.True(factor.Factor(h));
        var chord = new ViablePredictionRange(data, model, lambda, factor) { UseChord = true };
        var full = new ViablePredictionRange(data, model, lambda, factor) { UseChord = false };
        double[] epsilons = [1e-3, 1e-2];
        for (int i = 0; i < n; i += 7)
        {
            var a = chord.Compute(data.Row(i), epsilons);
            var b = full.Compute(data.Row(i), epsilons);
            for (int k = 0; k < epsilons.Length; k++)
            {
                Assert.Equal(b[k].Min, a[k].Min, 1e-8);
                Assert.Equal(b[k].Max, a[k].Max, 1e-8);
            }
        }
    }
}
