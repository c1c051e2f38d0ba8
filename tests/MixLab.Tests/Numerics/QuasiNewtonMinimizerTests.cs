using MixLab.Numerics;

namespace MixLab.Tests.Numerics;

public sealed class QuasiNewtonMinimizerTests
{
    /// <summary>f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).</summary>
    private sealed class Rosenbrock : IObjective
    {
        public int Calls;
        public int Dimension => 2;

        public double Evaluate(ReadOnlySpan<double> x, Span<double> g)
        {
            Calls++;
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }
    }

    /// <summary>f(x) = ½ Σ c_i (x_i − i)², an ill-conditioned separable quadratic.</summary>
    private sealed class Quadratic(int n) : IObjective
    {
        public int Dimension => n;

        public double Evaluate(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            for (int i = 0; i < n; i++)
            {
                double c = Math.Pow(10, 3.0 * i / Math.Max(1, n - 1)), r = x[i] - i;
                f += 0.5 * c * r * r;
                g[i] = c * r;
            }
            return f;
        }
    }

    private sealed class Lambda(int n, Func<double[], double[], double> f) : IObjective
    {
        public int Dimension => n;
        public double Evaluate(ReadOnlySpan<double> x, Span<double> g)
        {
            var gx = new double[n];
            double v = f(x.ToArray(), gx);
            gx.CopyTo(g);
            return v;
        }
    }

    public static TheoryData<QuasiNewtonUpdate> Updates => new() { QuasiNewtonUpdate.LimitedMemory, QuasiNewtonUpdate.Dense };

    [Theory]
    [MemberData(nameof(Updates))]
    public void Rosenbrock_FromClassicStart_ReachesMinimumAndReportsGradientExit(QuasiNewtonUpdate update)
    {
        // Function tolerance off, so only the gradient test can stop the run; tight gradient tolerance.
        var options = new QuasiNewtonOptions { Update = update, RelativeFunctionTolerance = 0, GradientTolerance = 1e-10 };
        var f = new Rosenbrock();
        var r = new QuasiNewtonMinimizer(options).Minimize(f, [-1.2, 1.0]);
        Assert.Equal(ExitCondition.GradientTolerance, r.Exit);
        Assert.True(r.Converged);
        Assert.Equal(1.0, r.Minimizer[0], 1e-5);
        Assert.Equal(1.0, r.Minimizer[1], 1e-5);
        Assert.True(r.Value < 1e-10, $"f = {r.Value}");
        Assert.True(r.GradientNorm <= 1e-10);
        Assert.InRange(r.Iterations, 10, 200);
        Assert.Equal(f.Calls, r.Evaluations);
    }

    [Theory]
    [MemberData(nameof(Updates))]
    public void Rosenbrock_WithSciPyDefaults_StopsOnAToleranceNearTheMinimum(QuasiNewtonUpdate update)
    {
        var options = update == QuasiNewtonUpdate.Dense ? QuasiNewtonOptions.DenseDefaults : QuasiNewtonOptions.LimitedMemoryDefaults;
        var r = new QuasiNewtonMinimizer(options).Minimize(new Rosenbrock(), [-1.2, 1.0]);
        Assert.True(r.Converged, $"exit {r.Exit}");
        Assert.Contains(r.Exit, new[] { ExitCondition.GradientTolerance, ExitCondition.FunctionTolerance });
        if (update == QuasiNewtonUpdate.Dense) Assert.Equal(ExitCondition.GradientTolerance, r.Exit); // BFGS has no ftol
        Assert.Equal(1.0, r.Minimizer[0], 1e-4);
        Assert.Equal(1.0, r.Minimizer[1], 1e-4);
    }

    [Fact]
    public void DefaultConstructor_UsesLimitedMemoryDefaults()
    {
        var a = new QuasiNewtonMinimizer().Minimize(new Rosenbrock(), [-1.2, 1.0]);
        var b = new QuasiNewtonMinimizer(QuasiNewtonOptions.LimitedMemoryDefaults).Minimize(new Rosenbrock(), [-1.2, 1.0]);
        Assert.Equal(b.Minimizer, a.Minimizer);
        Assert.Equal(b.Iterations, a.Iterations);
    }

    [Fact]
    public void MaxIterations_IsReportedAsNotConverged()
    {
        var r = new QuasiNewtonMinimizer(QuasiNewtonOptions.LimitedMemoryDefaults with { MaxIterations = 3 }).Minimize(new Rosenbrock(), [-1.2, 1.0]);
        Assert.Equal(ExitCondition.MaxIterations, r.Exit);
        Assert.Equal(3, r.Iterations);
        Assert.False(r.Converged);
    }

    [Fact]
    public void MaxEvaluations_IsReportedAsNotConverged()
    {
        var r = new QuasiNewtonMinimizer(QuasiNewtonOptions.DenseDefaults with { MaxEvaluations = 5 }).Minimize(new Rosenbrock(), [-1.2, 1.0]);
        Assert.False(r.Converged);
        Assert.Contains(r.Exit, new[] { ExitCondition.MaxEvaluations, ExitCondition.LineSearchFailed });
        Assert.True(r.Evaluations <= 6, $"{r.Evaluations} evaluations");
    }

    [Fact]
    public void NonFiniteStart_IsReported()
    {
        var f = new Lambda(1, (x, g) => { g[0] = double.NaN; return double.NaN; });
        var r = new QuasiNewtonMinimizer().Minimize(f, [0.0]);
        Assert.Equal(ExitCondition.NonFiniteValue, r.Exit);
        Assert.False(r.Converged);
        Assert.Equal(0, r.Iterations);
    }

    [Fact]
    public void StartAtMinimum_StopsImmediatelyOnGradient()
    {
        var r = new QuasiNewtonMinimizer().Minimize(new Quadratic(3), [0.0, 1.0, 2.0]);
        Assert.Equal(ExitCondition.GradientTolerance, r.Exit);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(1, r.Evaluations);
    }

    [Fact]
    public void WrongStartLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new QuasiNewtonMinimizer().Minimize(new Rosenbrock(), [1.0, 2.0, 3.0]));
    }

    [Theory]
    [MemberData(nameof(Updates))]
    public void IllConditionedQuadratic_IsSolved(QuasiNewtonUpdate update)
    {
        var options = new QuasiNewtonOptions { Update = update, RelativeFunctionTolerance = 0, GradientTolerance = 1e-9 };
        var r = new QuasiNewtonMinimizer(options).Minimize(new Quadratic(12), new double[12]);
        Assert.Equal(ExitCondition.GradientTolerance, r.Exit);
        for (int i = 0; i < 12; i++) Assert.Equal(i, r.Minimizer[i], 1e-6);
    }

    [Fact]
    public void UndefinedRegion_LineSearchBacksOff()
    {
        // f(x) = x − log x is +∞/NaN for x ≤ 0; the first steps overshoot into it. Minimum at x = 1.
        var f = new Lambda(1, (x, g) =>
        {
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.Log(x[0]);
        });
        var r = new QuasiNewtonMinimizer(QuasiNewtonOptions.DenseDefaults).Minimize(f, [0.05]);
        Assert.True(r.Converged, $"exit {r.Exit}");
        Assert.Equal(1.0, r.Minimizer[0], 1e-5);
    }

    [Fact]
    public void FunctionTolerance_IsAbsoluteBelowOne_AndRelativeAboveOne()
    {
        // Same landscape, scaled by 1e-6 and by 1e6: SciPy's rule (f_k − f_{k+1})/max(|f_k|, |f_{k+1}|, 1) stops
        // the tiny one early, the large one not (the V4 mechanism).
        MinimizationResult Run(double scale)
        {
            var f = new Lambda(2, (x, g) =>
            {
                double a = 1 - x[0], b = x[1] - x[0] * x[0];
                g[0] = scale * (-2 * a - 400 * x[0] * b);
                g[1] = scale * 200 * b;
                return scale * (a * a + 100 * b * b);
            });
            return new QuasiNewtonMinimizer(QuasiNewtonOptions.LimitedMemoryDefaults with { GradientTolerance = 0 }).Minimize(f, [-1.2, 1.0]);
        }
        var tiny = Run(1e-6);
        var large = Run(1e6);
        Assert.Equal(ExitCondition.FunctionTolerance, tiny.Exit);
        Assert.True(tiny.Iterations < large.Iterations, $"tiny {tiny.Iterations}, large {large.Iterations}");
        Assert.True(Math.Abs(tiny.Minimizer[0] - 1) > 1e-2, $"tiny-scale run got to {tiny.Minimizer[0]}");
        Assert.Equal(1.0, large.Minimizer[0], 1e-3);
    }

    [Fact]
    public void ScaleFreeFunctionTolerance_StopsOnRelativeDecreaseWhateverTheScale()
    {
        // SciPy's ftol off; a coarse scale-free test (1e-3 of |f| per iteration) must stop the tiny and the huge copy of
        // Rosenbrock alike, long before the gradient-only run would.
        MinimizationResult Run(double scale, double tolerance)
        {
            var f = new Lambda(2, (x, g) =>
            {
                double a = 1 - x[0], b = x[1] - x[0] * x[0];
                g[0] = scale * (-2 * a - 400 * x[0] * b);
                g[1] = scale * 200 * b;
                return scale * (a * a + 100 * b * b);
            });
            var options = QuasiNewtonOptions.DenseDefaults with { GradientTolerance = 1e-300, ScaleFreeFunctionTolerance = tolerance, MaxIterations = 1000 };
            return new QuasiNewtonMinimizer(options).Minimize(f, [-1.2, 1.0]);
        }
        foreach (double scale in new[] { 1e-9, 1.0, 1e9 })
        {
            var coarse = Run(scale, 1e-3);
            var off = Run(scale, 0);
            Assert.Equal(ExitCondition.FunctionTolerance, coarse.Exit);
            Assert.NotEqual(ExitCondition.FunctionTolerance, off.Exit);
            Assert.True(coarse.Iterations < off.Iterations, $"scale {scale}: {coarse.Iterations} vs {off.Iterations} iterations");
        }
        Assert.Equal(0.0, QuasiNewtonOptions.LimitedMemoryDefaults.ScaleFreeFunctionTolerance);
        Assert.Equal(0.0, QuasiNewtonOptions.DenseDefaults.ScaleFreeFunctionTolerance);
    }
}
