using System.Runtime.CompilerServices;

namespace MixLab.Curation.Quality;

/// <summary>
/// A set of 64-bit hashes below 2^63 (n-gram, line and paragraph hashes of the Gopher repetition and FineWeb filters,
/// curation spec §0.1): open addressing over one <c>ulong</c> array that stores key + 1 (0 marks a free slot), cleared
/// on <see cref="Reset"/>. Half the memory of <see cref="UInt64CountTable"/> per slot, so more of it stays in cache.
/// </summary>
internal sealed class UInt64HashSet
{
    private ulong[] _slots = new ulong[1024];
    private int _mask = 1023;
    private int _size;
    private int _used = 1024; // slots that may be non-zero since the last clear

    /// <summary>Empties the set and makes room for at least <paramref name="expected"/> keys at a load of at most 1/2.</summary>
    public void Reset(int expected)
    {
        int needed = Math.Max(16, expected * 2);
        int cap = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)needed);
        if (cap > _slots.Length)
        {
            _slots = new ulong[cap];
        }
        else
        {
            // Use the smallest power of two that fits, so a small document clears and probes a small, cached region.
            Array.Clear(_slots, 0, Math.Min(_used, _slots.Length));
        }
        _mask = cap - 1;
        _used = cap;
        _size = 0;
    }

    /// <summary>Adds <paramref name="key"/> (&lt; 2^63); true when it was not present yet (HashSet.Add semantics).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AddNew(ulong key)
    {
        if (_size * 2 >= _mask + 1) Grow();
        var slots = _slots;
        ulong stored = key + 1;
        int slot = (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> 33) & _mask;
        while (true)
        {
            ulong s = slots[slot];
            if (s == 0)
            {
                slots[slot] = stored;
                _size++;
                return true;
            }
            if (s == stored) return false;
            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        int oldCap = _mask + 1;
        var old = _slots.AsSpan(0, oldCap).ToArray();
        int cap = oldCap * 2;
        if (_slots.Length < cap) _slots = new ulong[cap];
        else Array.Clear(_slots, 0, cap);
        _mask = cap - 1;
        _used = cap;
        _size = 0;
        foreach (ulong stored in old)
        {
            if (stored == 0) continue;
            ulong key = stored - 1;
            int slot = (int)(((key ^ (key >> 29)) * 0x9E3779B97F4A7C15UL) >> 33) & _mask;
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = stored;
            _size++;
        }
    }
}
