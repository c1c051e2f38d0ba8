using MixLab.Curation.Quality;

namespace MixLab.Tests.Curation.Quality;

public sealed class HashTableTests
{
    [Fact]
    public void Set_behaves_like_HashSet_across_resets_and_growth()
    {
        var set = new UInt64HashSet();
        var rng = new Random(3);
        foreach (int size in new[] { 5000, 10, 300, 0, 40000, 7 })
        {
            set.Reset(size / 4); // too small on purpose: the set must grow
            var reference = new HashSet<ulong>();
            for (int i = 0; i < size; i++)
            {
                ulong key = (ulong)rng.NextInt64(0, 2000 + size) * 0x9E3779B97F4A7C15UL % ((1UL << 61) - 1);
                Assert.Equal(reference.Add(key), set.AddNew(key));
            }
        }
    }

    [Fact]
    public void Count_table_counts_and_remembers_the_first_index_after_a_large_reset()
    {
        var table = new UInt64CountTable();
        table.Reset(50_000);
        for (int i = 0; i < 50_000; i++) table.Add((ulong)i, i, out _);
        table.Reset(4); // a small document after a large one
        Assert.Equal(1, table.Add(42, 3, out int first));
        Assert.Equal(3, first);
        for (int i = 0; i < 100; i++) table.Add((ulong)(1000 + i), 10 + i, out _); // grows past the small region
        Assert.Equal(2, table.Add(42, 200, out first));
        Assert.Equal(3, first);
        Assert.Equal(2, table.Add(1050, 500, out first));
        Assert.Equal(60, first);
    }
}
