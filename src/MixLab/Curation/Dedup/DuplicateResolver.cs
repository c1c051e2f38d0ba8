namespace MixLab.Curation.Dedup;

/// <summary>
/// Phase (b) of the global exact dedup (curation spec §2.1, like datatrove's exact dedup stages): reads every task's
/// hash-record file, sorts all records by (hash, file index, line) and keeps the first record of each hash. The
/// result depends only on the set of records, not on how they are split over files or on file order, so curation
/// with 1, 2 or 4 tasks makes the same decisions.
/// </summary>
public static class DuplicateResolver
{
    public static DuplicateTable Resolve(IEnumerable<string> hashFiles)
    {
        var files = hashFiles.ToList();
        long total = 0;
        foreach (var f in files) total += HashRecordReader.ReadCount(f);
        if (total > Array.MaxLength)
            throw new InvalidOperationException($"exact dedup: {total} records exceed one in-memory table");
        var all = new HashRecord[total];
        int n = 0;
        foreach (var f in files)
            foreach (var r in HashRecordReader.Read(f))
                all[n++] = r;
        return Build(all);
    }

    /// <summary>Resolves records already in memory (the array is not modified).</summary>
    public static DuplicateTable Resolve(IEnumerable<HashRecord> records) => Build(records.ToArray());

    private static DuplicateTable Build(HashRecord[] all)
    {
        Array.Sort(all);
        int w = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (w > 0 && all[w - 1].Hash == all[i].Hash) continue;
            all[w++] = all[i];
        }
        var keepers = w == all.Length ? all : all[..w];
        return new DuplicateTable(keepers, all.Length);
    }
}
