namespace MixLab.Curation.Dedup;

/// <summary>
/// Result of the global exact-dedup resolution: for every hash seen, the record that keeps it (the smallest
/// (file index, line)); every other record with that hash is a duplicate. A sorted array, about 24 bytes per
/// distinct hash, searched by binary search. Built by <see cref="DuplicateResolver"/>.
/// </summary>
public sealed class DuplicateTable
{
    private readonly HashRecord[] _keepers;

    internal DuplicateTable(HashRecord[] keepers, long totalRecords)
    {
        _keepers = keepers;
        TotalRecords = totalRecords;
    }

    /// <summary>Distinct hashes (documents kept).</summary>
    public int DistinctCount => _keepers.Length;

    /// <summary>All records resolved.</summary>
    public long TotalRecords { get; }

    /// <summary>Records that are duplicates (dropped).</summary>
    public long DuplicateCount => TotalRecords - _keepers.Length;

    /// <summary>True when a record with this hash exists at a smaller (file index, line) than the one given.
    /// A hash never seen is not a duplicate.</summary>
    public bool IsDuplicate(ulong hash, int fileIndex, long line)
    {
        int lo = 0, hi = _keepers.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            ulong h = _keepers[mid].Hash;
            if (h == hash)
            {
                var k = _keepers[mid];
                return k.FileIndex != fileIndex || k.Line != line;
            }
            if (h < hash) lo = mid + 1;
            else hi = mid - 1;
        }
        return false;
    }
}
