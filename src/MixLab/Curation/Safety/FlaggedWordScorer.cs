using System.Buffers;

namespace MixLab.Curation.Safety;

/// <summary>
/// Computes MixtureVitae's keyword safety scores (curation spec §1.5) for a text: the first
/// <see cref="FlaggedWordsOptions.WindowChars"/> characters are lower-cased once and split into words (letters,
/// digits and inner apostrophes); each list is matched greedily, longest phrase first; the denominator counts the
/// words longer than three characters that are not stop words. One dictionary probe per word answers all four
/// questions (stop word? an entry of each list, or the start of a longer one?), and only words that start a phrase
/// pay for the multi-word lookups. Thread-safe after construction.
/// </summary>
public sealed class FlaggedWordScorer
{
    private readonly PhraseMatcher _flagged;
    private readonly PhraseMatcher _minor;
    private readonly PhraseMatcher _hate;
    private readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _wordFlags;
    private readonly int _window;

    private const byte Stop = 1;
    private const byte FlaggedWord = 2, FlaggedFirst = 4, MinorWord = 8, MinorFirst = 16, HateWord = 32, HateFirst = 64;

    /// <summary>Builds the scorer from explicit lists (lower-cased on load).</summary>
    public FlaggedWordScorer(IEnumerable<string> flagged, IEnumerable<string> minor, IEnumerable<string> hate,
        IEnumerable<string> stopwords, int windowChars = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowChars);
        _flagged = new PhraseMatcher(flagged);
        _minor = new PhraseMatcher(minor);
        _hate = new PhraseMatcher(hate);
        var flags = new Dictionary<string, byte>(StringComparer.Ordinal);
        foreach (var w in stopwords.Select(s => s.Trim().ToLowerInvariant())) flags[w] = Stop;
        foreach (var (matcher, word, first) in new[] { (_flagged, FlaggedWord, FlaggedFirst), (_minor, MinorWord, MinorFirst), (_hate, HateWord, HateFirst) })
        {
            foreach (var w in matcher.Words())
            {
                byte b = (byte)((matcher.ContainsWord(w) ? word : 0) | (matcher.StartsPhrase(w) ? first : 0));
                flags[w] = (byte)(flags.GetValueOrDefault(w) | b);
            }
        }
        _wordFlags = flags.GetAlternateLookup<ReadOnlySpan<char>>();
        _window = windowChars;
    }

    /// <summary>Builds the scorer from the built-in <see cref="FlaggedWordLists"/>.</summary>
    public FlaggedWordScorer(int windowChars = 1000)
        : this(FlaggedWordLists.Flagged, FlaggedWordLists.Minor, FlaggedWordLists.Hate, FlaggedWordLists.Stopwords, windowChars)
    {
    }

    /// <summary>Scores the window at the start of <paramref name="text"/>.</summary>
    public FlaggedWordScores Score(ReadOnlySpan<char> text)
    {
        var window = text.Length > _window ? text[.._window] : text;
        char[] lowered = ArrayPool<char>.Shared.Rent(Math.Max(window.Length, 1));
        (int, int)[] tokens = ArrayPool<(int, int)>.Shared.Rent(window.Length / 2 + 1);
        char[] scratch = ArrayPool<char>.Shared.Rent(window.Length + 1);
        byte[] flagBuffer = ArrayPool<byte>.Shared.Rent(window.Length / 2 + 1);
        try
        {
            var low = lowered.AsSpan(0, window.Length);
            window.ToLowerInvariant(low);
            int nTokens = Tokenize(low, tokens);
            var toks = tokens.AsSpan(0, nTokens);
            var flags = flagBuffer.AsSpan(0, nTokens);
            int counted = 0;
            for (int i = 0; i < toks.Length; i++)
            {
                var (s, l) = toks[i];
                byte f = _wordFlags.TryGetValue(low.Slice(s, l), out byte b) ? b : (byte)0;
                flags[i] = f;
                if (l > 3 && (f & Stop) == 0)
                    counted++;
            }
            return new FlaggedWordScores(counted,
                _flagged.CountMatches(low, toks, flags, FlaggedWord, FlaggedFirst, scratch),
                _minor.CountMatches(low, toks, flags, MinorWord, MinorFirst, scratch),
                _hate.CountMatches(low, toks, flags, HateWord, HateFirst, scratch));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(lowered);
            ArrayPool<(int, int)>.Shared.Return(tokens);
            ArrayPool<char>.Shared.Return(scratch);
            ArrayPool<byte>.Shared.Return(flagBuffer);
        }
    }

    /// <summary>Word boundaries: runs of letters or digits, with apostrophes allowed between two such characters.</summary>
    internal static int Tokenize(ReadOnlySpan<char> s, Span<(int Start, int Length)> tokens)
    {
        int n = 0;
        int i = 0;
        while (i < s.Length)
        {
            if (!char.IsLetterOrDigit(s[i])) { i++; continue; }
            int start = i;
            while (i < s.Length && (char.IsLetterOrDigit(s[i])
                || ((s[i] == '\'' || s[i] == '’') && i + 1 < s.Length && char.IsLetterOrDigit(s[i + 1]) && i > start)))
                i++;
            tokens[n++] = (start, i - start);
        }
        return n;
    }
}
