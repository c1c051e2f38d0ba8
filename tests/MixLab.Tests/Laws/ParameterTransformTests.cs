using MixLab.Laws;
using MixLab.Numerics;

namespace MixLab.Tests.Laws;

public sealed class ParameterTransformTests
{
    private static readonly LawParameter[] Mixed =
    [
        new("free"),
        new("box", -5, 5),
        new("lower", 0.5, double.PositiveInfinity),
        new("upper", double.NegativeInfinity, 2),
        new("narrow", 0.1, 0.2),
    ];

    [Fact]
    public void IsIdentity_OnlyWithoutBounds()
    {
        Assert.True(new ParameterTransform([new LawParameter("a"), new LawParameter("b")]).IsIdentity);
        Assert.False(new ParameterTransform(Mixed).IsIdentity);
        var identity = new ParameterTransform([new LawParameter("a")]);
        var theta = new double[1];
        identity.ToTheta([3.25], theta);
        Assert.Equal(3.25, theta[0]);
        Assert.Equal([3.25], identity.ToSearch([3.25]));
    }

    [Fact]
    public void ToTheta_StaysInsideBounds_AndRoundTrips()
    {
        var transform = new ParameterTransform(Mixed);
        var rng = new SeededRandom(1);
        var theta = new double[Mixed.Length];
        for (int trial = 0; trial < 200; trial++)
        {
            var u = Enumerable.Range(0, Mixed.Length).Select(_ => -8 + 16 * rng.NextDouble()).ToArray();
            transform.ToTheta(u, theta);
            for (int k = 0; k < Mixed.Length; k++)
            {
                Assert.True(theta[k] >= Mixed[k].Lower && theta[k] <= Mixed[k].Upper, $"{Mixed[k].Name} = {theta[k]}");
            }
            var back = transform.ToSearch(theta);
            for (int k = 0; k < Mixed.Length; k++)
                Assert.Equal(u[k], back[k], 1e-7 * Math.Max(1, Math.Abs(u[k])));
            var again = new double[Mixed.Length];
            transform.ToTheta(back, again);
            for (int k = 0; k < Mixed.Length; k++) Assert.Equal(theta[k], again[k], 1e-12 * Math.Max(1, Math.Abs(theta[k])));
        }
    }

    [Fact]
    public void ToSearch_MovesValuesOnOrOutsideABoundJustInside()
    {
        var transform = new ParameterTransform(Mixed);
        var u = transform.ToSearch([1.0, 5.0, 0.5, 7.0, 0.05]);
        Assert.All(u, v => Assert.True(double.IsFinite(v)));
        var theta = new double[Mixed.Length];
        transform.ToTheta(u, theta);
        Assert.Equal(1.0, theta[0]);
        Assert.InRange(theta[1], 4.99, 5.0);
        Assert.InRange(theta[2], 0.5, 0.5 + 1e-9);
        Assert.InRange(theta[3], 2.0 - 1e-9, 2.0);
        Assert.InRange(theta[4], 0.1, 0.1 + 1e-6);
    }

    [Fact]
    public void ChainRule_MatchesFiniteDifferences()
    {
        // f(θ) = Σ c_k θ_k², so ∂f/∂θ_k = 2 c_k θ_k; the chain rule must give ∂f/∂u.
        var transform = new ParameterTransform(Mixed);
        double[] c = [0.7, -1.3, 2.1, 0.4, 5.0];
        double F(double[] u)
        {
            var t = new double[u.Length];
            transform.ToTheta(u, t);
            return t.Select((v, k) => c[k] * v * v).Sum();
        }
        var rng = new SeededRandom(2);
        for (int trial = 0; trial < 50; trial++)
        {
            var u = Enumerable.Range(0, Mixed.Length).Select(_ => -3 + 6 * rng.NextDouble()).ToArray();
            var theta = new double[u.Length];
            transform.ToTheta(u, theta);
            var g = theta.Select((v, k) => 2 * c[k] * v).ToArray();
            transform.ChainRule(u, g);
            for (int k = 0; k < u.Length; k++)
            {
                double h = 1e-6;
                var up = u.ToArray(); up[k] += h;
                var um = u.ToArray(); um[k] -= h;
                double fd = (F(up) - F(um)) / (2 * h);
                Assert.True(Math.Abs(g[k] - fd) <= 1e-5 * Math.Max(Math.Abs(fd), 1e-3), $"{Mixed[k].Name}: chain rule {g[k]:R}, central difference {fd:R}");
            }
        }
    }

    [Fact]
    public void AtBound_ListsParametersWithinRelative1e4OfABound()
    {
        var transform = new ParameterTransform(Mixed);
        var hits = transform.AtBound([123.0, 4.9995, 0.50001, 1.0, 0.15]).Select(p => p.Name).ToList();
        Assert.Equal(["box", "lower"], hits);
        Assert.Empty(transform.AtBound([0.0, 0.0, 3.0, 1.0, 0.15]));
        Assert.Equal(["upper", "narrow"], transform.AtBound([0.0, 0.0, 3.0, 2.0, 0.19999999]).Select(p => p.Name));
    }
}
