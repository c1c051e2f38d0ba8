using MixLab.Laws;
using MixLab.Numerics;

namespace MixLab.Tests.Laws;

public sealed class MultiStartFitTests
{
    private static readonly ParallelOptions Parallel2 = new() { MaxDegreeOfParallelism = 2 };

    private static BoundLaw Ratio(params double[] loss) =>
        OffsetPowerLaw.BindArrays(new[] { 1.0, 0.75, 0.5, 1.0 / 3, 0.25, 0.125 }[..loss.Length], loss, "R");

    [Fact]
    public void Unpolished_IsTheBestLbfgsRunOverTheStarts()
    {
        var law = Ratio(1.4628, 1.4844, 1.5122, 1.5387, 1.5561, 1.60);
        var weights = Enumerable.Repeat(1.0, law.RowCount).ToArray();
        var fit = MultiStartFit.Run(law, weights, 1e-3, HuberObjective.Reduction.Sum, polish: false, startStride: 1, Parallel2);
        Assert.NotNull(fit);

        var transform = new ParameterTransform(law.Parameters);
        var objective = new HuberObjective(law, weights, 1e-3, transform);
        var runs = law.StartPoints().Select(s => new QuasiNewtonMinimizer().Minimize(objective, transform.ToSearch(s))).ToList();
        Assert.Equal(runs.Count, fit!.Starts);
        Assert.Equal(runs.Count(r => r.Converged), fit.StartsConverged);
        var best = runs.OrderBy(r => r.Value).First();
        Assert.Equal(best.Value, fit.Objective);
        Assert.Equal(best.Minimizer, fit.Search);
        var theta = new double[3];
        transform.ToTheta(fit.Search, theta);
        Assert.Equal(theta, fit.Theta);
    }

    [Fact]
    public void Polish_NeverRaisesTheObjective_AndUsuallyLowersIt()
    {
        var law = Ratio(1.4628, 1.4844, 1.5122, 1.5387, 1.5561, 1.60);
        var weights = Enumerable.Repeat(1.0, law.RowCount).ToArray();
        var raw = MultiStartFit.Run(law, weights, 1e-3, HuberObjective.Reduction.Sum, false, 1, Parallel2)!;
        var polished = MultiStartFit.Run(law, weights, 1e-3, HuberObjective.Reduction.Sum, true, 1, Parallel2)!;
        Assert.True(polished.Objective <= raw.Objective, $"polished {polished.Objective:R} > raw {raw.Objective:R}");
        Assert.True(polished.Converged);
        // Linear residuals of ~1e-3 make the summed loss ~1e-7, where SciPy's absolute ftol stops L-BFGS early.
        Assert.True(polished.Objective < raw.Objective * (1 - 1e-6) || raw.Objective < 1e-15,
            $"polish did not improve: {polished.Objective:R} vs {raw.Objective:R}");
    }

    [Fact]
    public void StartStride_ThinsTheGrid_AndThreadCountDoesNotMatter()
    {
        var law = new ChinchillaLaw().Bind(TestData.Chinchilla240(), new LawOptions(), "all");
        var weights = Enumerable.Repeat(1.0, law.RowCount).ToArray();
        var one = MultiStartFit.Run(law, weights, 1e-3, HuberObjective.Reduction.Sum, true, 100, new ParallelOptions { MaxDegreeOfParallelism = 1 })!;
        var two = MultiStartFit.Run(law, weights, 1e-3, HuberObjective.Reduction.Sum, true, 100, Parallel2)!;
        Assert.Equal(45, one.Starts);
        Assert.Equal(one.Search, two.Search);
        Assert.Equal(one.Objective, two.Objective);
        Assert.Equal(one.StartsConverged, two.StartsConverged);
    }

    [Fact]
    public void NoFiniteStart_ReturnsNull_AndLawFitterReportsIt()
    {
        // log-space law with a start grid that overflows: every start gives a non-finite objective.
        var law = new Overflowing();
        var fit = MultiStartFit.Run(law, [1.0, 1.0], 1e-3, HuberObjective.Reduction.Sum, true, 1, Parallel2);
        Assert.Null(fit);
    }

    [Fact]
    public void ExitText_NamesEveryCondition()
    {
        Assert.Equal("gradient-tolerance", MultiStartFit.ExitText(ExitCondition.GradientTolerance));
        Assert.Equal("function-tolerance", MultiStartFit.ExitText(ExitCondition.FunctionTolerance));
        Assert.Equal("max-iterations", MultiStartFit.ExitText(ExitCondition.MaxIterations));
        Assert.Equal("max-evaluations", MultiStartFit.ExitText(ExitCondition.MaxEvaluations));
        Assert.Equal("precision-loss", MultiStartFit.ExitText(ExitCondition.LineSearchFailed));
        Assert.Equal("non-finite", MultiStartFit.ExitText(ExitCondition.NonFiniteValue));
    }

    private sealed class Overflowing() : BoundLaw([1.0, 2.0], ResidualSpace.Linear)
    {
        public override IReadOnlyList<LawParameter> Parameters { get; } = [new LawParameter("p")];
        public override double Predict(ReadOnlySpan<double> theta, int row, Span<double> gradient)
        {
            gradient[0] = double.NaN;
            return double.NaN;
        }
        public override IEnumerable<double[]> StartPoints() { yield return [0.0]; yield return [1.0]; }
        public override IReadOnlyList<NamedValue> Report(ReadOnlySpan<double> theta) => [new("p", theta[0])];
        public override IReadOnlyList<NamedValue> Features(int row) => [];
    }
}
