using MixLab.Multiplicity;
using MixLab.Numerics;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// multiplicity.md §7 check 3 (tiny two-feature logistic regression: fit, exact ranges, brute-force grid) and the
/// numerical checks of the Lagrangian path in §2.3 (check 7: methods B and C agree; slope 1/ν).
/// </summary>
public sealed class EightPointChecksTests
{
    private static readonly double[][] X =
        [[0, 0], [1, .5], [2, 1], [.5, 2], [1.5, 1.5], [2.5, 0], [0, 1], [3, 2]];
    private static readonly int[] Y = [0, 0, 1, 0, 1, 1, 1, 1];

    // Check 3 table, ε = 0.05: h0(x_i), exact VPR (methods B and A).
    private static readonly double[] H0 = [0.16553, 0.54884, 0.88180, 0.48047, 0.79802, 0.92162, 0.22164, 0.98208];
    private static readonly double[] Lo = [0.02531, 0.29803, 0.69319, 0.16362, 0.57288, 0.64395, 0.06520, 0.85219];
    private static readonly double[] Hi = [0.48934, 0.78067, 0.97637, 0.80791, 0.93859, 0.99368, 0.47955, 0.99919];

    private static LogisticData Data() => LogisticData.FromFeatures(X, Y);

    private static readonly Lazy<MultiplicityResult> Result = new(() =>
        MultiplicityAnalysis.Run(Data(), new MultiplicityOptions { Lambda = 0, Epsilons = [0.05] }));

    [Fact]
    public void Check3_Fit_MatchesW0AndL0()
    {
        var model = LogisticRegressionFit.Fit(Data(), 0);
        Assert.True(model.Converged);
        Assert.Equal(-1.617658, model.Weights[0], 1e-6);
        Assert.Equal(1.632869, model.Weights[1], 1e-6);
        Assert.Equal(0.361533, model.Weights[2], 1e-6);
        Assert.Equal(0.44869089, model.Loss, 1e-6);
        Assert.Equal(0.44869089, LogisticLoss.Value(Data(), 0, model.Weights), 1e-8);
        for (int i = 0; i < 8; i++) Assert.Equal(H0[i], model.Predict(Data().Row(i)), 1e-5);
    }

    [Fact]
    public void Check3_ExactRangesAtEpsilon005_MatchTheTable()
    {
        var r = Result.Value;
        for (int i = 0; i < 8; i++)
        {
            var range = r.Ranges[i][0];
            Assert.Equal(H0[i], range.Prediction, 1e-5);
            Assert.Equal(Lo[i], range.Min, 1e-5);
            Assert.Equal(Hi[i], range.Max, 1e-5);
            Assert.False(range.MinAtLimit || range.MaxAtLimit);
        }
    }

    [Fact]
    public void Check3_BruteForceGrid_EveryGridModelLiesInsideTheExactRanges()
    {
        // 61³ models at spacing 0.2 centred on w0 ± 6; those with L ≤ L0 + ε are in the ε-level set, so their predictions
        // must lie inside the exact VPR (the grid interval is an inner approximation).
        const double epsilon = 0.05, spacing = 0.2;
        const int half = 30;
        var data = Data();
        var r = Result.Value;
        var w0 = r.Model.Weights;
        double bound = r.Model.Loss + epsilon;
        var gridLo = Enumerable.Repeat(1.0, 8).ToArray();
        var gridHi = new double[8];
        var w = new double[3];
        int inside = 0;
        for (int a = -half; a <= half; a++)
            for (int b = -half; b <= half; b++)
                for (int c = -half; c <= half; c++)
                {
                    w[0] = w0[0] + a * spacing; w[1] = w0[1] + b * spacing; w[2] = w0[2] + c * spacing;
                    if (LogisticLoss.Value(data, 0, w) > bound) continue;
                    inside++;
                    for (int i = 0; i < 8; i++)
                    {
                        double p = LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(i), w));
                        gridLo[i] = Math.Min(gridLo[i], p);
                        gridHi[i] = Math.Max(gridHi[i], p);
                    }
                }
        Assert.InRange(inside, 100, 61 * 61 * 61 - 1);   // the level set is inside the box and not empty
        for (int i = 0; i < 8; i++)
        {
            var exact = r.Ranges[i][0];
            Assert.True(gridLo[i] >= exact.Min - 1e-9, $"point {i}: grid min {gridLo[i]} < exact min {exact.Min}");
            Assert.True(gridHi[i] <= exact.Max + 1e-9, $"point {i}: grid max {gridHi[i]} > exact max {exact.Max}");
            // And the grid is fine enough to come close (the spec's 0.05 grid is within 0.01; this one within 0.05).
            Assert.True(gridLo[i] - exact.Min < 0.05 && exact.Max - gridHi[i] < 0.05, $"point {i}: grid [{gridLo[i]}, {gridHi[i]}] vs [{exact.Min}, {exact.Max}]");
        }
    }

    [Theory]
    [InlineData(0.05, 0.028117, 0.398340)]
    [InlineData(0.1, 0.103193, 0.642846)]
    [InlineData(0.2, 0.866275, 0.994335)]
    public void Check7_LagrangianPath_TiltedSolveGivesAnExactPointOfTheCurve(double nu, double epsilonPrime, double prediction)
    {
        // §2.3: w(ν) = argmin L(w) − ν·x0ᵀw for point 0 gives ε' = L(w(ν)) − L0 and the endpoint σ(x0ᵀw(ν)); method B
        // (here: the solver's exact range at ε') reproduces it.
        var data = Data();
        var model = LogisticRegressionFit.Fit(data, 0);
        var x = data.Row(0).ToArray();
        var w = (double[])model.Weights.Clone();
        var outcome = new TiltedNewton(data, 0).Minimize(w, nu, x);
        Assert.True(outcome.Converged);
        double eps = LogisticLoss.Value(data, 0, w) - model.Loss;
        Assert.Equal(epsilonPrime, eps, 1e-6);
        Assert.Equal(prediction, LogisticLoss.Sigmoid(LogisticLoss.Dot(x, w)), 1e-6);

        var h = new double[9];
        LogisticLoss.ValueGradientHessian(data, 0, model.Weights, new double[3], h);
        var chol = new DenseCholesky(3);
        Assert.True(chol.Factor(h));
        var vpr = new ViablePredictionRange(data, model, 0, chol);
        var range = vpr.Compute(x, [eps])[0];
        Assert.Equal(LogisticLoss.Sigmoid(LogisticLoss.Dot(x, w)), range.Max, 1e-8);

        // Envelope theorem: dt_hi/dε = 1/ν (finite differences: 19.99, 9.995, 4.997 in the spec).
        double step = 1e-4 * eps;
        var around = vpr.Compute(x, [eps - step, eps + step]);
        double slope = (MultiplicityFixtures.Logit(around[1].Max) - MultiplicityFixtures.Logit(around[0].Max)) / (2 * step);
        Assert.Equal(1 / nu, slope, 1e-3 / nu);
    }

    [Fact]
    public void Check3_ExtremalModels_HaveTheConstraintActive()
    {
        // Every extremal model is feasible with gap L − L0 = ε, and its prediction on the point is the endpoint.
        var data = Data();
        var model = LogisticRegressionFit.Fit(data, 0);
        var h = new double[9];
        LogisticLoss.ValueGradientHessian(data, 0, model.Weights, new double[3], h);
        var chol = new DenseCholesky(3);
        Assert.True(chol.Factor(h));
        var vpr = new ViablePredictionRange(data, model, 0, chol);
        double[] eps = [0.01, 0.05];
        for (int i = 0; i < 8; i++)
        {
            var extremes = Enumerable.Range(0, eps.Length).Select(_ => new double[2][]).ToArray();
            var ranges = vpr.Compute(data.Row(i), eps, extremes);
            for (int k = 0; k < eps.Length; k++)
            {
                var wMin = extremes[k][0];
                var wMax = extremes[k][1];
                Assert.Equal(eps[k], LogisticLoss.Value(data, 0, wMin) - model.Loss, 1e-9);
                Assert.Equal(eps[k], LogisticLoss.Value(data, 0, wMax) - model.Loss, 1e-9);
                Assert.Equal(ranges[k].Min, LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(i), wMin)), 1e-12);
                Assert.Equal(ranges[k].Max, LogisticLoss.Sigmoid(LogisticLoss.Dot(data.Row(i), wMax)), 1e-12);
            }
        }
    }
}
