namespace MixLab.Curation.Quality;

/// <summary>
/// An open-addressing hash table from 64-bit keys (already well-mixed hashes) to a count and the index where the key
/// was first added, reused across documents without clearing its arrays (a generation stamp marks live slots). It
/// serves as the set of seen n-grams, lines and paragraphs and as the n-gram counter of the Gopher repetition and
/// FineWeb filters (curation spec §0.1: no strings, capacity reuse), at a fraction of the cost of HashSet/Dictionary.
/// </summary>
internal sealed class UInt64CountTable
{
    private ulong[] _keys = new ulong[1024];
    private int[] _counts = new int[1024];
    private int[] _first = new int[1024];
    private uint[] _stamps = new uint[1024];
    private uint _stamp = 1;
    private int _mask = 1023;
    private int _size;

    /// <summary>Empties the table and makes room for at least <paramref name="expected"/> keys.</summary>
    public void Reset(int expected)
    {
        int needed = Math.Max(16, expected * 2);
        if (needed > _keys.Length)
        {
            int cap = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)needed);
            _keys = new ulong[cap];
            _counts = new int[cap];
            _first = new int[cap];
            _stamps = new uint[cap];
            _mask = cap - 1;
            _stamp = 1;
        }
        else if (++_stamp == 0)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
        _size = 0;
    }

    /// <summary>Adds one occurrence of <paramref name="key"/> seen at <paramref name="index"/>; returns the new count
    /// and the index of the first occurrence.</summary>
    public int Add(ulong key, int index, out int first)
    {
        int slot = (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> 33) & _mask;
        while (true)
        {
            if (_stamps[slot] != _stamp)
            {
                if (_size * 2 >= _keys.Length)
                {
                    Grow();
                    return Add(key, index, out first);
                }
                _stamps[slot] = _stamp;
                _keys[slot] = key;
                _counts[slot] = 1;
                _first[slot] = index;
                _size++;
                first = index;
                return 1;
            }
            if (_keys[slot] == key)
            {
                first = _first[slot];
                return ++_counts[slot];
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds <paramref name="key"/>; true when it was not present yet (HashSet.Add semantics).</summary>
    public bool AddNew(ulong key) => Add(key, 0, out _) == 1;

    private void Grow()
    {
        var keys = _keys;
        var counts = _counts;
        var first = _first;
        var stamps = _stamps;
        uint stamp = _stamp;
        int cap = keys.Length * 2;
        _keys = new ulong[cap];
        _counts = new int[cap];
        _first = new int[cap];
        _stamps = new uint[cap];
        _mask = cap - 1;
        _stamp = 1;
        _size = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (stamps[i] != stamp) continue;
            ulong key = keys[i];
            int slot = (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> 33) & _mask;
            while (_stamps[slot] == _stamp) slot = (slot + 1) & _mask;
            _stamps[slot] = _stamp;
            _keys[slot] = key;
            _counts[slot] = counts[i];
            _first[slot] = first[i];
            _size++;
        }
    }
}
