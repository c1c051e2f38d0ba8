using MixLab.Numerics;
using MixLab.Planning;

namespace MixLab.Tests.Planning;

public sealed class SimplexProjectionTests
{
    private static double[] Project(double[] v, double[] lo, double[] hi)
    {
        var r = new double[v.Length];
        SimplexProjection.Project(v, lo, hi, r);
        return r;
    }

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Projection_SumsToOne_RespectsBounds_IsIdempotent_AndIsTheNearestPoint(int seed)
    {
        var rng = new SeededRandom((ulong)seed);
        for (int trial = 0; trial < 100; trial++)
        {
            int m = 2 + rng.NextInt(5);
            var lo = new double[m];
            var hi = Enumerable.Repeat(1.0, m).ToArray();
            if (trial % 2 == 1)
            {
                // Random feasible bounds: Σlo ≤ 1 ≤ Σhi.
                for (int j = 0; j < m; j++) { lo[j] = 0.5 / m * rng.NextDouble(); hi[j] = lo[j] + (1.5 / m) + rng.NextDouble() * 0.5; }
            }
            var v = Enumerable.Range(0, m).Select(_ => -2 + 4 * rng.NextDouble()).ToArray();
            var p = Project(v, lo, hi);
            Assert.Equal(1.0, p.Sum(), 1e-12);
            for (int j = 0; j < m; j++) Assert.InRange(p[j], lo[j], hi[j]);

            var again = Project(p, lo, hi);
            for (int j = 0; j < m; j++) Assert.Equal(p[j], again[j], 1e-12);

            // Euclidean projection onto a convex set: (v − p)·(q − p) ≤ 0 for every feasible q.
            for (int k = 0; k < 20; k++)
            {
                var q = Project(Enumerable.Range(0, m).Select(_ => -2 + 4 * rng.NextDouble()).ToArray(), lo, hi);
                double dot = Enumerable.Range(0, m).Sum(j => (v[j] - p[j]) * (q[j] - p[j]));
                Assert.True(dot <= 1e-10, $"not the nearest point: (v − p)·(q − p) = {dot}");
            }
        }
    }

    [Fact]
    public void Projection_KnownCases()
    {
        Assert.Equal([0.5, 0.5], Project([0.5, 0.5], [0, 0], [1, 1]), new ToleranceComparer(1e-12));
        Assert.Equal([0.75, 0.25], Project([1.0, 0.5], [0, 0], [1, 1]), new ToleranceComparer(1e-12));
        Assert.Equal([1.0, 0.0, 0.0], Project([5.0, 0.0, -1.0], [0, 0, 0], [1, 1, 1]), new ToleranceComparer(1e-12));
        // An upper bound that binds: the rest is shared equally above it.
        Assert.Equal([0.2, 0.4, 0.4], Project([0.9, 0.05, 0.05], [0, 0, 0], [0.2, 1, 1]), new ToleranceComparer(1e-12));
        // A lower bound that binds.
        Assert.Equal([0.3, 0.7], Project([-1.0, 2.0], [0.3, 0], [1, 1]), new ToleranceComparer(1e-12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
