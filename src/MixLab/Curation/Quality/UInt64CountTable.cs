using System.Runtime.CompilerServices;

namespace MixLab.Curation.Quality;

/// <summary>
/// An open-addressing hash table from 64-bit keys (already well-mixed hashes) to a count and the index where the key
/// was first added, reused across documents without clearing its arrays (a generation stamp marks live slots). It
/// serves as the set of seen n-grams, lines and paragraphs and as the n-gram counter of the Gopher repetition and
/// FineWeb filters (curation spec §0.1: no strings, capacity reuse), at a fraction of the cost of HashSet/Dictionary.
/// Slots are one array of structs, so a probe touches one cache line.
/// </summary>
internal sealed class UInt64CountTable
{
    private struct Slot
    {
        public ulong Key;
        public uint Stamp;
        public int Count;
        public int First;
    }

    private Slot[] _slots = new Slot[1024];
    private uint _stamp = 1;
    private int _mask = 1023;
    private int _size;

    /// <summary>Empties the table and makes room for at least <paramref name="expected"/> keys.</summary>
    public void Reset(int expected)
    {
        int needed = Math.Max(16, expected * 2);
        int cap = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)needed);
        if (cap > _slots.Length)
        {
            _slots = new Slot[cap];
            _stamp = 1;
        }
        else if (++_stamp == 0)
        {
            Array.Clear(_slots);
            _stamp = 1;
        }
        // Probe only the smallest power-of-two prefix that fits, so that after one long document the table of a short
        // one still sits in a small, cached region (every slot is stale after the stamp changed).
        _mask = cap - 1;
        _size = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> 33) & _mask;

    /// <summary>Adds one occurrence of <paramref name="key"/> seen at <paramref name="index"/>; returns the new count
    /// and the index of the first occurrence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ulong key, int index, out int first)
    {
        if (_size * 2 >= _mask + 1) Grow();
        var slots = _slots;
        uint stamp = _stamp;
        int slot = SlotOf(key);
        while (true)
        {
            ref Slot s = ref slots[slot];
            if (s.Stamp != stamp)
            {
                s.Stamp = stamp;
                s.Key = key;
                s.Count = 1;
                s.First = index;
                _size++;
                first = index;
                return 1;
            }
            if (s.Key == key)
            {
                first = s.First;
                return ++s.Count;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds <paramref name="key"/>; true when it was not present yet (HashSet.Add semantics).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddNew(ulong key) => Add(key, 0, out _) == 1;

    private void Grow()
    {
        var old = _slots.AsSpan(0, _mask + 1);
        uint stamp = _stamp;
        int cap = (_mask + 1) * 2;
        _slots = new Slot[cap];
        _mask = cap - 1;
        _stamp = 1;
        _size = 0;
        foreach (ref readonly Slot o in old)
        {
            if (o.Stamp != stamp) continue;
            int slot = SlotOf(o.Key);
            while (_slots[slot].Stamp == _stamp) slot = (slot + 1) & _mask;
            _slots[slot] = new Slot { Key = o.Key, Stamp = _stamp, Count = o.Count, First = o.First };
            _size++;
        }
    }
}
