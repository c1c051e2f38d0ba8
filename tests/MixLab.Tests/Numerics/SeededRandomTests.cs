using MixLab.Numerics;

namespace MixLab.Tests.Numerics;

public sealed class SeededRandomTests
{
    [Fact]
    public void SameSeedAndStream_GiveTheSameSequence_OthersDiffer()
    {
        ulong[] Take(SeededRandom r) => Enumerable.Range(0, 16).Select(_ => r.NextUInt64()).ToArray();
        Assert.Equal(Take(new SeededRandom(42, 3)), Take(new SeededRandom(42, 3)));
        Assert.NotEqual(Take(new SeededRandom(42, 3)), Take(new SeededRandom(42, 4)));
        Assert.NotEqual(Take(new SeededRandom(42, 3)), Take(new SeededRandom(43, 3)));
    }

    [Fact]
    public void NextDouble_IsInUnitIntervalWithMeanOneHalf()
    {
        var r = new SeededRandom(1);
        var xs = Enumerable.Range(0, 100_000).Select(_ => r.NextDouble()).ToArray();
        Assert.All(xs, x => Assert.InRange(x, 0.0, 1.0 - 1e-17));
        Assert.Equal(0.5, xs.Average(), 0.005);
    }

    [Fact]
    public void NextInt_CoversTheRangeUniformly()
    {
        var r = new SeededRandom(2);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[r.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        Assert.Equal(0, new SeededRandom(3).NextInt(1));
    }

    [Fact]
    public void NextGaussian_HasUnitVariance()
    {
        var r = new SeededRandom(4);
        var xs = Enumerable.Range(0, 100_000).Select(_ => r.NextGaussian()).ToArray();
        double mean = xs.Average();
        double variance = xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1);
        Assert.Equal(0.0, mean, 0.02);
        Assert.Equal(1.0, variance, 0.02);
        Assert.All(xs, x => Assert.True(double.IsFinite(x)));
    }
}
