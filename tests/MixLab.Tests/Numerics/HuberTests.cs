using MixLab.Numerics;

namespace MixLab.Tests.Numerics;

public sealed class HuberTests
{
    [Theory]
    [InlineData(0.0, 1e-3, 0.0)]
    [InlineData(5e-4, 1e-3, 1.25e-7)]
    [InlineData(-1e-3, 1e-3, 5e-7)]          // boundary: quadratic branch
    [InlineData(2e-3, 1e-3, 1.5e-6)]         // δ(|r| − δ/2) = 1e-3 · 1.5e-3
    [InlineData(-0.5, 1e-3, 4.995e-4)]
    [InlineData(3.0, 1.0, 2.5)]
    public void Value_FollowsTheTwoBranches(double r, double delta, double expected)
    {
        Assert.Equal(expected, Huber.Value(r, delta), Math.Abs(expected) * 1e-12 + 1e-300);
    }

    [Fact]
    public void Derivative_MatchesFiniteDifferences_AndClipsAtDelta()
    {
        foreach (double r in new[] { -3.0, -0.02, -4e-4, 0.0, 3e-4, 0.0015, 7.0 })
        {
            double h = 1e-7;
            double fd = (Huber.Value(r + h, 1e-3) - Huber.Value(r - h, 1e-3)) / (2 * h);
            Assert.Equal(fd, Huber.Derivative(r, 1e-3), 1e-8);
        }
        Assert.Equal(1e-3, Huber.Derivative(10, 1e-3));
        Assert.Equal(-1e-3, Huber.Derivative(-10, 1e-3));
        Assert.Equal(Huber.DefaultDelta, 1e-3);
    }

    [Theory]
    [InlineData(1e-3, 7.600902959541916)]
    [InlineData(0.5, 1.5018166316733892)]
    [InlineData(1.0, 1.0730585907133918)]
    [InlineData(2.0, 0.927393392552819)]
    public void LogNormaliser_MatchesSciPy(double delta, double expected)
    {
        // Reference: log(√(2π)(1 − 2·ndtr(−δ)) + 2e^(−δ²/2)/δ) with scipy.special.ndtr.
        Assert.Equal(expected, Huber.LogNormaliser(delta), 1e-12);
    }

    [Fact]
    public void LogNormaliser_NormalisesTheHuberDensity()
    {
        // ∫ exp(−Huber_δ(x)) dx over R equals Z(δ) (trapezoid rule on a wide grid; tails decay as e^(−δ|x|)).
        double delta = 1.0, h = 1e-3, sum = 0;
        for (double x = -60; x <= 60; x += h) sum += Math.Exp(-Huber.Value(x, delta)) * h;
        Assert.Equal(Huber.LogNormaliser(delta), Math.Log(sum), 1e-5);
    }
}
