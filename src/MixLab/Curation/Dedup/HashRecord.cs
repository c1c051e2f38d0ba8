namespace MixLab.Curation.Dedup;

/// <summary>
/// One document's exact-dedup key and position in the whole input (index of its input file in the run's sorted
/// file list, 1-based line): the unit of the two-phase global exact dedup (curation spec §2.1, datatrove's
/// signature/filter stages). Records order by hash, then file index, then line.
/// </summary>
public readonly record struct HashRecord(ulong Hash, int FileIndex, long Line) : IComparable<HashRecord>
{
    public int CompareTo(HashRecord other)
    {
        int c = Hash.CompareTo(other.Hash);
        if (c != 0) return c;
        c = FileIndex.CompareTo(other.FileIndex);
        return c != 0 ? c : Line.CompareTo(other.Line);
    }
}
