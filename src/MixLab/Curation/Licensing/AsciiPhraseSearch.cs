namespace MixLab.Curation.Licensing;

/// <summary>
/// Finds the leftmost position where any of a set of ASCII phrases starts, ignoring case as
/// <see cref="StringComparison.OrdinalIgnoreCase"/> does (which never folds a non-ASCII char to ASCII): the same answer as
/// <c>IndexOfAny(SearchValues.Create(phrases, OrdinalIgnoreCase))</c>, which for the ~100 phrases of
/// <see cref="TextLicenseFinder"/> falls back to a scalar Aho-Corasick automaton. Here a rolling case-folded trigram is
/// tested against a 65,536-bit filter of the phrases' first trigrams, and only positions that pass are verified with
/// <c>StartsWith(phrase, OrdinalIgnoreCase)</c> against the
/// phrases that start with that trigram (curation spec §0.1: one cheap pass per document).
/// </summary>
internal sealed class AsciiPhraseSearch
{
    private readonly ulong[] _filter = new ulong[1024];
    private readonly Dictionary<int, string[]> _byTrigram;

    /// <param name="phrases">ASCII phrases of at least three chars.</param>
    public AsciiPhraseSearch(IEnumerable<string> phrases)
    {
        var groups = new Dictionary<int, List<string>>();
        foreach (var p in phrases)
        {
            if (p.Length < 3 || !System.Text.Ascii.IsValid(p)) throw new ArgumentException($"phrase '{p}' is not ASCII of length >= 3", nameof(phrases));
            int key = (Fold(p[0]) << 14) | (Fold(p[1]) << 7) | Fold(p[2]);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<string>();
            list.Add(p);
            int slot = Slot(key);
            _filter[slot >> 6] |= 1UL << slot;
        }
        _byTrigram = groups.ToDictionary(g => g.Key, g => g.Value.ToArray());
    }

    /// <summary>ASCII letters to lower case; other ASCII unchanged; non-ASCII to 0, which no phrase contains.</summary>
    private static int Fold(char c) => c >= 0x80 ? 0 : (uint)(c - 'A') <= 'Z' - 'A' ? c | 0x20 : c;

    private static int Slot(int key) => (int)(((uint)key * 0x9E3779B1u) >> 16);

    /// <summary>The first index <c>i</c> in [<paramref name="from"/>, <paramref name="to"/>) such that a phrase starts at
    /// <c>i</c> and ends by <paramref name="to"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> text, int from, int to)
    {
        if (to - from < 3) return -1;
        var filter = _filter;
        int key = (Fold(text[from]) << 7) | Fold(text[from + 1]);
        for (int i = from + 2; i < to; i++)
        {
            key = ((key << 7) | Fold(text[i])) & 0x1FFFFF;
            int slot = Slot(key);
            if ((filter[slot >> 6] & (1UL << slot)) == 0) continue;
            if (!_byTrigram.TryGetValue(key, out var candidates)) continue;
            int start = i - 2;
            var rest = text[start..to];
            foreach (var p in candidates)
                if (rest.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return start;
        }
        return -1;
    }
}
