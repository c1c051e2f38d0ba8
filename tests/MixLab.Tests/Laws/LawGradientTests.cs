using System.Globalization;
using MixLab.Laws;
using MixLab.Numerics;
using MixLab.RunLogs;

namespace MixLab.Tests.Laws;

/// <summary>
/// The analytic gradient of every law's <see cref="BoundLaw.Predict"/> against central finite differences at
/// random points, and the gradients of the two fitting objectives (through bounded transforms).
/// </summary>
public sealed class LawGradientTests
{
    private static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static RunLogTable Table(params (string Name, double[] Values)[] columns)
    {
        int n = columns[0].Values.Length;
        var dict = columns.ToDictionary(c => c.Name, c => c.Values.Select(v => (string?)S(v)).ToArray());
        return new RunLogTable("gradients", columns.Select(c => c.Name).ToList(), dict, Enumerable.Range(2, n).ToArray());
    }

    private static double[] Uniform(SeededRandom rng, int n, double lo, double hi) =>
        Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * rng.NextDouble()).ToArray();

    private static double[] LogUniform(SeededRandom rng, int n, double lo, double hi) =>
        Uniform(rng, n, Math.Log(lo), Math.Log(hi)).Select(Math.Exp).ToArray();

    /// <summary>Central differences of Predict in every θ_k, compared with the analytic gradient.</summary>
    private static void CheckPredictGradient(BoundLaw law, Func<SeededRandom, double[]> theta, ulong seed, int points = 25)
    {
        var rng = new SeededRandom(seed);
        int p = law.Parameters.Count;
        var g = new double[p];
        var scratch = new double[p];
        int checkedCount = 0;
        for (int trial = 0; trial < points; trial++)
        {
            var t = theta(rng);
            Assert.Equal(p, t.Length);
            for (int row = 0; row < law.RowCount; row++)
            {
                double f = law.Predict(t, row, g);
                Assert.True(double.IsFinite(f), $"prediction not finite at row {row}");
                for (int k = 0; k < p; k++)
                {
                    double h = 1e-6 * Math.Max(1, Math.Abs(t[k]));
                    var tp = t.ToArray(); tp[k] += h;
                    var tm = t.ToArray(); tm[k] -= h;
                    double fd = (law.Predict(tp, row, scratch) - law.Predict(tm, row, scratch)) / (tp[k] - tm[k]);
                    double tol = 1e-5 * Math.Max(Math.Abs(g[k]), Math.Abs(fd)) + 1e-8 * Math.Max(1, Math.Abs(f));
                    Assert.True(Math.Abs(g[k] - fd) <= tol,
                        $"{law.GetType().DeclaringType?.Name} ∂/∂{law.Parameters[k].Name} at row {row}: analytic {g[k]:R}, central difference {fd:R}");
                    checkedCount++;
                }
            }
        }
        Assert.True(checkedCount > 0);
    }

    [Fact]
    public void ChinchillaLaw_PredictGradient_MatchesFiniteDifferences()
    {
        var rng = new SeededRandom(10);
        var table = Table(("params", LogUniform(rng, 9, 5e7, 2e10)), ("tokens", LogUniform(rng, 9, 2e8, 5e11)), ("loss", Uniform(rng, 9, 2, 4)));
        var law = new ChinchillaLaw().Bind(table, new LawOptions(), "all");
        CheckPredictGradient(law, r => [.. Uniform(r, 2, 2, 10), .. Uniform(r, 1, -1, 1), .. Uniform(r, 2, 0.1, 0.9)], 11);
    }

    [Fact]
    public void PowerLaw_SingleCurve_PredictGradient_MatchesFiniteDifferences()
    {
        var rng = new SeededRandom(20);
        var table = Table(("tokens", LogUniform(rng, 8, 1e8, 1e11)), ("loss", Uniform(rng, 8, 2, 4)));
        var law = new PowerLaw().Bind(table, new LawOptions(), "all");
        Assert.Equal(["alpha", "e", "a"], law.Parameters.Select(x => x.Name));
        CheckPredictGradient(law, r => [.. Uniform(r, 1, 0.1, 0.8), .. Uniform(r, 1, -0.5, 1.5), .. Uniform(r, 1, 2, 12)], 21);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PowerLaw_SeveralCurves_PredictGradient_MatchesFiniteDifferences(bool shared)
    {
        var rng = new SeededRandom(30);
        var table = new RunLogTable("curves", ["steps", "mixture", "loss"], new Dictionary<string, string?[]>
        {
            ["steps"] = LogUniform(rng, 9, 1e3, 1e5).Select(v => (string?)S(v)).ToArray(),
            ["mixture"] = ["m1", "m2", "m3", "m1", "m2", "m3", "m1", "m2", "m3"],
            ["loss"] = Uniform(rng, 9, 2, 4).Select(v => (string?)S(v)).ToArray(),
        }, Enumerable.Range(2, 9).ToArray());
        var law = new PowerLaw().Bind(table, new LawOptions { X = "steps", CurveBy = "mixture", SharedExponent = shared }, "all");
        Assert.Equal(shared ? 7 : 9, law.Parameters.Count);
        CheckPredictGradient(law, r =>
        {
            var t = new double[law.Parameters.Count];
            for (int k = 0; k < t.Length; k++)
                t[k] = law.Parameters[k].Name.StartsWith("alpha", StringComparison.Ordinal) ? 0.1 + 0.7 * r.NextDouble()
                     : law.Parameters[k].Name.StartsWith('e') ? -0.5 + 2 * r.NextDouble() : 1 + 5 * r.NextDouble();
            return t;
        }, 31);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DataMixingLaw_PredictGradient_MatchesFiniteDifferences(bool onSimplex)
    {
        var rng = new SeededRandom(40);
        var mixes = Enumerable.Range(0, 8).Select(_ =>
        {
            var v = Uniform(rng, 3, 0.05, 1);
            double s = onSimplex ? v.Sum() : 1.7;
            return v.Select(x => x / s).ToArray();
        }).ToArray();
        var table = Table(("mix.web", mixes.Select(m => m[0]).ToArray()), ("mix.code", mixes.Select(m => m[1]).ToArray()),
            ("mix.books", mixes.Select(m => m[2]).ToArray()), ("loss", Uniform(rng, 8, 2, 4)));
        var law = (DataMixingLaw.Bound)new DataMixingLaw().Bind(table, new LawOptions(), "web");
        Assert.Equal(onSimplex, law.OnSimplex);
        Assert.Equal(onSimplex ? 4 : 5, law.Parameters.Count);
        CheckPredictGradient(law, r => [.. Uniform(r, 2, -0.5, 1.2), .. Uniform(r, law.Parameters.Count - 2, -3, 0.5)], 41);
    }

    [Fact]
    public void DcptLaw_PredictGradient_MatchesFiniteDifferences()
    {
        var rng = new SeededRandom(50);
        var table = Table(("params", LogUniform(rng, 9, 5e8, 7e9)), ("tokens", LogUniform(rng, 9, 1e9, 2e10)),
            ("mix.law", Uniform(rng, 9, 0.05, 1)), ("loss", Uniform(rng, 9, 1.5, 3)));
        var law = new DcptLaw().Bind(table, new LawOptions { Share = "law" }, "law");
        Assert.Equal(9, law.Parameters.Count);
        // θ = (e, a, α, b, η, β, c, γ, log ε)
        CheckPredictGradient(law, r =>
        [
            Uniform(r, 1, -0.5, 1)[0], Uniform(r, 1, 3, 9)[0], Uniform(r, 1, 0.1, 0.7)[0], Uniform(r, 1, 3, 9)[0], Uniform(r, 1, 0.2, 1.5)[0],
            Uniform(r, 1, 0.1, 0.7)[0], Uniform(r, 1, -2, 1)[0], Uniform(r, 1, 0.1, 1)[0], Uniform(r, 1, -6, 0)[0],
        ], 51);
    }

    [Theory]
    [InlineData(OffsetPowerLaw.Kind.CmrRatio)]
    [InlineData(OffsetPowerLaw.Kind.CmrToken)]
    public void OffsetPowerLaw_PredictGradient_MatchesFiniteDifferences(OffsetPowerLaw.Kind kind)
    {
        var rng = new SeededRandom(60);
        var law = kind == OffsetPowerLaw.Kind.CmrRatio
            ? new OffsetPowerLaw(kind).Bind(Table(("R", Uniform(rng, 6, 0.1, 1)), ("loss", Uniform(rng, 6, 1, 2))), new LawOptions { X = "R" }, "all")
            : new OffsetPowerLaw(kind).Bind(Table(("tokens", LogUniform(rng, 6, 2e8, 2e10)), ("loss", Uniform(rng, 6, -0.1, 0.1))), new LawOptions { XScale = 2e8 }, "all");
        Assert.Equal(ResidualSpace.Linear, law.Space);
        CheckPredictGradient(law, r => [Uniform(r, 1, -2, 2)[0], Uniform(r, 1, -1.5, 1.5)[0], Uniform(r, 1, -1, 2)[0]], 61);
    }

    [Fact]
    public void TwoTermPowerLaw_PredictGradient_MatchesFiniteDifferences()
    {
        var rng = new SeededRandom(70);
        var table = Table(("tokens", LogUniform(rng, 7, 1, 100)), ("loss", Uniform(rng, 7, -0.05, 0.05)));
        var law = new TwoTermPowerLaw().Bind(table, new LawOptions(), "all");
        CheckPredictGradient(law, r => [Uniform(r, 1, -1, 1)[0], Uniform(r, 1, -1, 1)[0], Uniform(r, 1, -1, 1)[0], Uniform(r, 1, -1, 1)[0], Uniform(r, 1, -1, 1)[0]], 71);
    }

    [Fact]
    public void PowerLaw_XScale_RescalesTheVariableOnly()
    {
        // L = E + A/x^α with x in units of 1e9: the same curve has A' = A / 1e9^α.
        var rng = new SeededRandom(90);
        var x = LogUniform(rng, 6, 1e8, 1e11);
        var table = Table(("tokens", x), ("loss", x.Select(v => 2 + 300 / Math.Pow(v, 0.3)).ToArray()));
        var plain = new PowerLaw().Bind(table, new LawOptions(), "all");
        var scaled = new PowerLaw().Bind(table, new LawOptions { XScale = 1e9 }, "all");
        double[] theta = [0.3, Math.Log(2), Math.Log(300)];
        double[] thetaScaled = [0.3, Math.Log(2), Math.Log(300) - 0.3 * Math.Log(1e9)];
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(plain.PredictLoss(theta, i), scaled.PredictLoss(thetaScaled, i), 1e-12);
            Assert.Equal(table.Numeric("loss")[i], plain.PredictLoss(theta, i), 1e-12);
        }
    }

    [Fact]
    public void BindArrays_EqualsBindingATable()
    {
        double[] x = [1, 2, 5, 10, 20, 50];
        double[] y = [0.01, 0.02, 0.025, 0.02, 0.01, -0.01];
        var table = Table(("tokens", x), ("loss", y));
        var fromTable1 = new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrToken).Bind(table, new LawOptions(), "all");
        var fromArrays1 = OffsetPowerLaw.BindArrays(x, y, "tokens");
        var fromTable2 = new TwoTermPowerLaw().Bind(table, new LawOptions(), "all");
        var fromArrays2 = TwoTermPowerLaw.BindArrays(x, y, "tokens");
        Assert.Equal(fromTable1.Parameters, fromArrays1.Parameters);
        Assert.Equal(fromTable2.Parameters, fromArrays2.Parameters);
        Assert.Equal(fromTable1.StartPoints().ToList(), fromArrays1.StartPoints().ToList());
        Assert.Equal(fromTable2.StartPoints().ToList(), fromArrays2.StartPoints().ToList());
        var g = new double[5];
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(fromTable1.Predict([0.3, -0.5, 0.1], i, g), fromArrays1.Predict([0.3, -0.5, 0.1], i, g));
            Assert.Equal(fromTable2.Predict([0.3, -0.5, 0.1, 0.4, 0.2], i, g), fromArrays2.Predict([0.3, -0.5, 0.1, 0.4, 0.2], i, g));
        }
        var bounded = OffsetPowerLaw.BindArrays(x, y, "tokens", exponentBound: 2);
        Assert.Equal((-2.0, 2.0), (bounded.Parameters[1].Lower, bounded.Parameters[1].Upper));
    }

    [Fact]
    public void EveryCatalogLaw_IsCoveredByAGradientTest()
    {
        Assert.Equal(["chinchilla", "power", "mixing", "dcpt", "cmr-ratio", "cmr-token", "cmr-token2"], LawCatalog.All.Select(l => l.Name));
    }

    /// <summary>Central differences of an objective in every search variable.</summary>
    private static void CheckObjectiveGradient(IObjective objective, double[] x, double relative = 1e-5)
    {
        var g = new double[objective.Dimension];
        var scratch = new double[objective.Dimension];
        double f = objective.Evaluate(x, g);
        for (int k = 0; k < x.Length; k++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(x[k]));
            var xp = x.ToArray(); xp[k] += h;
            var xm = x.ToArray(); xm[k] -= h;
            double fd = (objective.Evaluate(xp, scratch) - objective.Evaluate(xm, scratch)) / (xp[k] - xm[k]);
            Assert.True(Math.Abs(g[k] - fd) <= relative * Math.Max(Math.Abs(g[k]), Math.Abs(fd)) + 1e-9 * Math.Max(1, Math.Abs(f)),
                $"∂/∂x{k}: analytic {g[k]:R}, central difference {fd:R}");
        }
    }

    [Fact]
    public void HuberObjective_ThroughBoundedTransform_GradientMatchesFiniteDifferences()
    {
        // A wide δ keeps every residual in the quadratic zone (the Huber kink is not differentiable).
        var rng = new SeededRandom(80);
        var table = Table(("tokens", LogUniform(rng, 12, 1e8, 1e11)), ("loss", Uniform(rng, 12, 2, 4)));
        var law = new PowerLaw().Bind(table, new LawOptions { ExponentBounds = (0.0, 2.0) }, "all");
        var transform = new ParameterTransform(law.Parameters);
        Assert.False(transform.IsIdentity);
        var weights = Enumerable.Range(0, 12).Select(i => (double)(i % 3)).ToArray();
        foreach (var reduction in new[] { HuberObjective.Reduction.Sum, HuberObjective.Reduction.Mean })
        {
            var objective = new HuberObjective(law, weights, 10, transform, reduction);
            CheckObjectiveGradient(objective, transform.ToSearch([0.4, 0.7, 4.0]));
            CheckObjectiveGradient(objective, transform.ToSearch([1.3, 0.2, 9.0]));
        }
    }

    [Fact]
    public void HuberLikelihoodObjective_GradientMatchesFiniteDifferences()
    {
        var table = TestData.Chinchilla240();
        var law = new ChinchillaLaw().Bind(table, new LawOptions(), "all");
        var weights = Enumerable.Repeat(1.0, law.RowCount).ToArray();
        var nll = new HuberLikelihoodObjective(law, weights, 1e-3, new ParameterTransform(law.Parameters));
        Assert.Equal(6, nll.Dimension);
        // log σ large enough that every scaled residual sits in the quadratic zone, and one with residuals on both sides.
        CheckObjectiveGradient(nll, [6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083, 5.0]);
        CheckObjectiveGradient(nll, [6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083, 1.0], 1e-4);
    }

    [Fact]
    public void HuberLikelihoodObjective_ProfileLogSigma_MinimisesOverSigma()
    {
        var law = new ChinchillaLaw().Bind(TestData.Chinchilla240(), new LawOptions(), "all");
        var weights = Enumerable.Repeat(1.0, law.RowCount).ToArray();
        var nll = new HuberLikelihoodObjective(law, weights, 1e-3, new ParameterTransform(law.Parameters));
        double[] u = [6.1779, 7.6427, 0.5971, 0.3478, 0.3659];
        double best = nll.ProfileLogSigma(u);
        double F(double ls) => nll.Evaluate([.. u, ls], new double[6]);
        Assert.True(F(best) <= F(best + 0.01) && F(best) <= F(best - 0.01));
        Assert.InRange(best, -13.5, -11); // near Epoch's log σ ≈ −12.27
    }
}
