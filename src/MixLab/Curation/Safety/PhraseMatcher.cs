namespace MixLab.Curation.Safety;

/// <summary>
/// Greedy longest-first matcher of lower-case word phrases (one to <see cref="MaxWords"/> words) over a tokenised
/// text, as MixtureVitae's flagged-word score does (curation spec §1.5). Lookups go through a span-keyed alternate
/// lookup, so matching allocates nothing. Tokens must not contain spaces (entries' words are space-joined).
/// </summary>
public sealed class PhraseMatcher
{
    private readonly HashSet<string> _phrases;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Builds the matcher; entries are trimmed, lower-cased and their inner whitespace collapsed.</summary>
    public PhraseMatcher(IEnumerable<string> entries)
    {
        _phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in entries)
        {
            var words = raw.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            _phrases.Add(string.Join(' ', words));
            MaxWords = Math.Max(MaxWords, words.Length);
        }
        _lookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        var firstWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in _phrases)
        {
            int space = p.IndexOf(' ');
            if (space > 0) firstWords.Add(p[..space]);
        }
        _firstWords = firstWords.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // First words of the entries with two or more words. Tokens hold no spaces, so n >= 2 tokens can only equal an
    // entry whose first word is the first token: other tokens skip the multi-word lookups.
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _firstWords;

    /// <summary>Longest entry, in words.</summary>
    public int MaxWords { get; }

    /// <summary>Number of distinct entries.</summary>
    public int Count => _phrases.Count;

    /// <summary>True when the one-word entry <paramref name="word"/> is in the list.</summary>
    public bool ContainsWord(string word) => _phrases.Contains(word);

    /// <summary>True when some entry of two or more words starts with <paramref name="word"/>.</summary>
    public bool StartsPhrase(string word) => _firstWords.Contains(word);

    /// <summary>Every word that is an entry by itself or starts a longer one (the words a caller of <see cref="CountMatches"/> must flag).</summary>
    public IEnumerable<string> Words() =>
        _phrases.Where(p => !p.Contains(' ')).Concat(_phrases.Where(p => p.Contains(' ')).Select(p => p[..p.IndexOf(' ')])).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Counts matches over <paramref name="tokens"/> (ranges into the lower-cased <paramref name="lowered"/>): at
    /// each token the longest entry starting there is taken and the scan resumes after it; a token without a match
    /// advances by one. The per-token lookups are done by the caller: bit <paramref name="wordBit"/> of
    /// <c>flags[i]</c> says token i is a one-word entry, bit <paramref name="firstBit"/> that it starts a longer entry,
    /// so several lists share one dictionary probe per token (<see cref="FlaggedWordScorer"/>) and only tokens that
    /// start a phrase pay for building and looking up the joined words. <paramref name="scratch"/> must hold the
    /// joined words of the longest possible phrase.
    /// </summary>
    public int CountMatches(ReadOnlySpan<char> lowered, ReadOnlySpan<(int Start, int Length)> tokens, ReadOnlySpan<byte> flags,
        byte wordBit, byte firstBit, Span<char> scratch)
    {
        int matches = 0;
        int i = 0;
        while (i < tokens.Length)
        {
            int taken = 0;
            int maxN = Math.Min(MaxWords, tokens.Length - i);
            if ((flags[i] & firstBit) != 0)
            {
                for (int n = maxN; n >= 2 && taken == 0; n--)
                {
                    int len = 0;
                    bool fits = true;
                    for (int k = 0; k < n; k++)
                    {
                        var (s, l) = tokens[i + k];
                        if (len + l + 1 > scratch.Length) { fits = false; break; }
                        if (k > 0) scratch[len++] = ' ';
                        lowered.Slice(s, l).CopyTo(scratch[len..]);
                        len += l;
                    }
                    if (fits && _lookup.Contains(scratch[..len]))
                        taken = n;
                }
            }
            if (taken == 0 && (flags[i] & wordBit) != 0) taken = 1;
            if (taken > 0) { matches++; i += taken; }
            else i++;
        }
        return matches;
    }
}
