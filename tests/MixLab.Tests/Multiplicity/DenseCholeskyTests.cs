using MixLab.Numerics;

namespace MixLab.Tests.Multiplicity;

/// <summary>The small dense Cholesky factorisation used by the multiplicity solver.</summary>
public sealed class DenseCholeskyTests
{
    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(5, 2UL)]
    [InlineData(12, 3UL)]
    public void Solve_RandomSpdSystem_To1e12(int n, ulong seed)
    {
        // A = BᵀB + n·I is symmetric positive definite and well conditioned; b = A·x for a known x.
        var rng = new SeededRandom(seed);
        var b = new double[n * n];
        for (int k = 0; k < b.Length; k++) b[k] = rng.NextGaussian();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) s += b[k * n + i] * b[k * n + j];
                a[i * n + j] = s;
            }
        var x = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var rhs = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) rhs[i] += a[i * n + j] * x[j];

        var chol = new DenseCholesky(n);
        Assert.Equal(n, chol.Size);
        Assert.True(chol.Factor(a));
        chol.Solve(rhs);
        for (int i = 0; i < n; i++) Assert.Equal(x[i], rhs[i], 1e-12);

        // The factor is reusable: a second right-hand side.
        var e0 = new double[n];
        e0[0] = 1;
        chol.Solve(e0);
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += a[i * n + j] * e0[j];
            Assert.Equal(i == 0 ? 1.0 : 0.0, s, 1e-12);
        }
    }

    [Fact]
    public void Factor_ReadsOnlyTheLowerTriangle()
    {
        // Solving with only the lower triangle filled gives the same answer as the full symmetric matrix.
        double[] full = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
        double[] lower = [4, 99, -7, 2, 5, 123, 0.4, 1, 3];
        var c1 = new DenseCholesky(3);
        var c2 = new DenseCholesky(3);
        Assert.True(c1.Factor(full));
        Assert.True(c2.Factor(lower));
        double[] r1 = [1, -2, 3], r2 = [1, -2, 3];
        c1.Solve(r1);
        c2.Solve(r2);
        Assert.Equal(r1, r2);
    }

    [Fact]
    public void Factor_ReportsFalse_ForIndefiniteSingularOrNaNMatrices()
    {
        var chol = new DenseCholesky(2);
        Assert.False(chol.Factor([1, 2, 2, 1]));          // eigenvalues 3 and −1
        Assert.False(chol.Factor([-1, 0, 0, 2]));         // negative pivot first
        Assert.False(chol.Factor([1, 1, 1, 1]));          // singular (pivot 0)
        Assert.False(chol.Factor([double.NaN, 0, 0, 1]));
        var three = new DenseCholesky(3);
        Assert.False(three.Factor([2, -1, 0, -1, 2, -1, 0, -1, -0.5]));   // indefinite only in the last pivot
        Assert.True(three.Factor([2, -1, 0, -1, 2, -1, 0, -1, 2]));
    }
}
