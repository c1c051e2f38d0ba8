using MixLab.Numerics;

namespace MixLab.Tests.Numerics;

public sealed class LinearLeastSquaresTests
{
    [Fact]
    public void Solve_RecoversExactLine()
    {
        var x = new double[5, 2];
        var y = new double[5];
        for (int i = 0; i < 5; i++) { x[i, 0] = i; x[i, 1] = 1; y[i] = 2.5 * i - 1; }
        var b = LinearLeastSquares.Solve(x, y);
        Assert.NotNull(b);
        Assert.Equal(2.5, b![0], 1e-12);
        Assert.Equal(-1.0, b[1], 1e-12);
    }

    [Fact]
    public void Solve_RankDeficientOrUnderdetermined_ReturnsNull()
    {
        // An exactly zero column. (A numerically dependent one such as {1,2},{2,4},{3,6} is not caught: Math.NET's
        // QR.IsFullRank tests R's diagonal against ~1e-15 and that R[1,1] is 1.6e-15; any least-squares solution
        // is then returned. Harmless for start points, so not asserted here.)
        var x = new double[3, 2] { { 1, 0 }, { 2, 0 }, { 3, 0 } };
        Assert.Null(LinearLeastSquares.Solve(x, [1, 2, 3]));
        Assert.Null(LinearLeastSquares.Solve(new double[1, 2] { { 1, 2 } }, [1]));
    }
}
