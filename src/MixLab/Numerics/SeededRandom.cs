namespace MixLab.Numerics;

/// <summary>
/// A small, fast, seedable generator (xoshiro256** seeded through SplitMix64) whose streams are fixed by
/// (seed, stream) alone, so that parallel work such as bootstrap replicate b draws the same numbers
/// whatever the thread count. <see cref="Random"/> is avoided because its seeded algorithm is not
/// documented as stable.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator for one (seed, stream) pair.</summary>
    public SeededRandom(ulong seed, ulong stream = 0)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        ulong bound = (ulong)n;
        UInt128 m = (UInt128)NextUInt64() * bound;
        ulong low = (ulong)m;
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold) { m = (UInt128)NextUInt64() * bound; low = (ulong)m; }
        }
        return (int)(m >> 64);
    }

    /// <summary>Standard normal draw (Box–Muller; one value per call for simplicity).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
