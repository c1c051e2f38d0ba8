using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixLab.Documents;

namespace MixLab.Curation.Quality;

/// <summary>
/// Gopher's repetition rules (Rae et al. 2021, Table A1) with datatrove 0.10.0's exact semantics (curation spec §2.1,
/// §7.1 R1-R3, appendix "parity details"); step name "gopher_repetition". In datatrove's order: paragraphs (the
/// stripped text split on runs of two or more \n) duplicated in count (dup_para_frac) and in chars (dup_para_char_frac);
/// lines (the untrimmed text split on runs of \n) duplicated in count (dup_line_frac) and chars (dup_line_char_frac);
/// for n = 2, 3, 4 the most frequent n-gram's space-joined length × count (top_2_gram ...); for n = 5..10 the chars of
/// repeated n-grams joined without spaces, skipping n tokens after each repeat (duplicated_5_n_grams ...). Every char
/// fraction divides by len(text) of the untrimmed text, in code points. Duplicates are found by 64-bit hashes
/// (xxHash3 for lines and paragraphs, a polynomial hash mod 2^61-1 over prefix sums for n-grams), never by building
/// strings; a collision (probability ~2^-61 per pair) is the only way to differ from string comparison.
/// Deviation: an empty text is kept (datatrove divides by zero).
/// </summary>
public sealed class GopherRepetitionFilter : IPipelineStep
{
    private const ulong Mod = (1UL << 61) - 1;
    private const ulong Base = 0x1F3D5B79A2C4E68BUL % Mod;

    private readonly GopherRepetitionOptions _o;
    private readonly UInt64CountTable _table = new();
    private readonly UInt64HashSet _set = new();
    private ulong[] _concat = new ulong[256];   // prefix hash of tokens joined without separator
    private ulong[] _spaced = new ulong[256];   // prefix hash of tokens each followed by ' '
    private int[] _units = new int[256];        // prefix sums of UTF-16 lengths
    private int[] _codePoints = new int[256];   // prefix sums of code-point lengths
    private ulong[] _pow = new ulong[1024];
    private int _powFilled;

    public GopherRepetitionFilter(GopherRepetitionOptions? options = null)
    {
        _o = options ?? new GopherRepetitionOptions();
    }

    public string Name => "gopher_repetition";

    private static bool On(double? v) => v is double x && x != 0;

    public StepResult Process(Document document)
    {
        string text = document.Text;
        if (text.Length == 0) return StepResult.Kept;
        var span = text.AsSpan();
        double textLen = PyText.Len(span);

        if (On(_o.DupParaFrac) || On(_o.DupParaCharFrac))
        {
            var (ps, pe) = PyText.StripRange(span);
            var (count, dups, dupChars) = Duplicates(span[ps..pe], minRun: 2);
            if (On(_o.DupParaFrac) && (double)dups / count > _o.DupParaFrac) return StepResult.Drop("dup_para_frac");
            if (On(_o.DupParaCharFrac) && dupChars / textLen > _o.DupParaCharFrac) return StepResult.Drop("dup_para_char_frac");
        }

        if (On(_o.DupLineFrac) || On(_o.DupLineCharFrac))
        {
            var (count, dups, dupChars) = Duplicates(span, minRun: 1);
            if (On(_o.DupLineFrac) && (double)dups / count > _o.DupLineFrac) return StepResult.Drop("dup_line_frac");
            if (On(_o.DupLineCharFrac) && dupChars / textLen > _o.DupLineCharFrac) return StepResult.Drop("dup_line_char_frac");
        }

        if (_o.TopNGrams.Count == 0 && _o.DupNGrams.Count == 0) return StepResult.Kept;
        var tokens = WordTokenCache.Get(text);
        int nTokens = tokens.Length;
        if (nTokens < 2) return StepResult.Kept;
        BuildPrefixes(span, tokens);

        // The count of the most frequent n-gram never grows with n (an n-gram's occurrences are occurrences of its
        // first n-1 tokens, and space-joined n-grams are equal exactly when their tokens are), so after a pass for a
        // smaller n, chars × count of the top n-gram is at most (longest n-gram) × that count. When that bound
        // cannot pass the threshold the rule cannot fire, and its pass is skipped; the decision is the same.
        Span<(int N, int Count)> computed = stackalloc (int, int)[_o.TopNGrams.Count];
        int nComputed = 0;
        foreach (var rule in _o.TopNGrams)
        {
            int n = rule.N;
            if (n <= 0 || nTokens < n) continue;
            int bound = int.MaxValue;
            foreach (var (m, count) in computed[..nComputed])
                if (m < n) bound = Math.Min(bound, count);
            if (bound != int.MaxValue && (double)LongestNGramChars(nTokens, n) * bound / textLen <= rule.Fraction) continue;
            long top = TopNGramChars(nTokens, n, out int topCount);
            if (top / textLen > rule.Fraction) return StepResult.Drop($"top_{n}_gram");
            computed[nComputed++] = (n, topCount);
        }

        foreach (var rule in _o.DupNGrams)
        {
            int n = rule.N;
            if (n <= 0) continue;
            long dup = DuplicatedNGramChars(nTokens, n);
            if (dup / textLen > rule.Fraction) return StepResult.Drop($"duplicated_{n}_n_grams");
        }
        return StepResult.Kept;
    }

    /// <summary>datatrove's find_duplicates over the pieces of <paramref name="s"/> split on runs of at least
    /// <paramref name="minRun"/> '\n': (pieces, duplicate pieces, code points of duplicate pieces).</summary>
    private (int Count, int Dups, long DupChars) Duplicates(ReadOnlySpan<char> s, int minRun)
    {
        // At most one piece more than there are '\n': sized once, the table never grows (growing reallocates).
        _table.Reset(s.Count('\n') + 1);
        int count = 0, dups = 0;
        long dupChars = 0;
        int segStart = 0, i = 0;
        while (true)
        {
            int nl = s[i..].IndexOf('\n');
            int runStart = nl < 0 ? s.Length : i + nl;
            int runEnd = runStart;
            while (runEnd < s.Length && s[runEnd] == '\n') runEnd++;
            if (nl < 0 || runEnd - runStart >= minRun)
            {
                var piece = s[segStart..runStart];
                count++;
                ulong h = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(piece));
                if (!_table.AddNew(h))
                {
                    dups++;
                    dupChars += PyText.Len(piece);
                }
                if (nl < 0) break;
                segStart = runEnd;
            }
            i = runEnd;
            if (i > s.Length) break;
        }
        return (count, dups, dupChars);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulMod(ulong a, ulong b)
    {
        // a, b < 2^61, so the product is < 2^122: hi < 2^58 and (hi << 3) + the low 61 bits + (lo >> 61) < 2^63.
        ulong hi = Math.BigMul(a, b, out ulong lo);
        ulong r = (lo & Mod) + (lo >> 61) + (hi << 3);
        r = (r & Mod) + (r >> 61);
        return r >= Mod ? r - Mod : r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddMod(ulong a, ulong b)
    {
        ulong r = a + b;
        return r >= Mod ? r - Mod : r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubMod(ulong a, ulong b) => a >= b ? a - b : a + Mod - b;

    /// <summary>Makes <c>_pow[k] = Base^k mod p</c> valid for every k up to <paramref name="max"/> (kept across documents).</summary>
    private void EnsurePowers(int max)
    {
        if (max < _powFilled) return;
        if (_pow.Length < max + 1)
        {
            var bigger = new ulong[Math.Max(max + 1, _pow.Length * 2)];
            _pow.AsSpan(0, _powFilled).CopyTo(bigger);
            _pow = bigger;
        }
        if (_powFilled == 0)
        {
            _pow[0] = 1;
            _powFilled = 1;
        }
        for (int k = _powFilled; k <= max; k++) _pow[k] = MulMod(_pow[k - 1], Base);
        _powFilled = max + 1;
    }

    /// <summary>Prefix hashes of the token sequence. Each token's polynomial hash h (chars + 1, base <see cref="Base"/>)
    /// is computed once and appended: concat = concat·B^len + h, spaced = (spaced·B^len + h)·B + (' ' + 1), which are the
    /// same values as hashing the joined strings char by char.</summary>
    private void BuildPrefixes(ReadOnlySpan<char> text, ReadOnlySpan<TokenSpan> tokens)
    {
        int n = tokens.Length;
        if (_concat.Length < n + 1)
        {
            int size = Math.Max(n + 1, _concat.Length * 2);
            _concat = new ulong[size];
            _spaced = new ulong[size];
            _units = new int[size];
            _codePoints = new int[size];
        }
        int maxToken = 0;
        foreach (var t in tokens) maxToken = Math.Max(maxToken, t.Length);
        EnsurePowers(maxToken + 1);
        bool noPairs = text.IndexOfAnyInRange('\uDC00', '\uDFFF') < 0;

        var concat = _concat.AsSpan(0, n + 1);
        var spaced = _spaced.AsSpan(0, n + 1);
        var unitSums = _units.AsSpan(0, n + 1);
        var cpSums = _codePoints.AsSpan(0, n + 1);
        var pow = _pow;
        ulong hc = 0, hs = 0;
        int units = 0, cps = 0;
        concat[0] = 0;
        spaced[0] = 0;
        unitSums[0] = 0;
        cpSums[0] = 0;
        for (int k = 0; k < n; k++)
        {
            var t = text.Slice(tokens[k].Start, tokens[k].Length);
            ulong h = 0;
            foreach (char c in t) h = AddMod(MulMod(h, Base), (ulong)c + 1);
            ulong shift = pow[t.Length];
            hc = AddMod(MulMod(hc, shift), h);
            hs = AddMod(MulMod(AddMod(MulMod(hs, shift), h), Base), ' ' + 1);
            units += t.Length + 1;
            cps += noPairs ? t.Length : PyText.Len(t);
            concat[k + 1] = hc;
            spaced[k + 1] = hs;
            unitSums[k + 1] = units;
            cpSums[k + 1] = cps;
        }
        EnsurePowers(units);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // Units of tokens [i, j) without separators = (_units[j] - _units[i]) - (j - i).
    private ulong ConcatHash(int i, int j)
    {
        int len = _units[j] - _units[i] - (j - i);
        return SubMod(_concat[j], MulMod(_concat[i], _pow[len]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong SpacedHash(int i, int j) => SubMod(_spaced[j], MulMod(_spaced[i], _pow[_units[j] - _units[i]]));

    /// <summary>datatrove's find_top_duplicate: len(" ".join(top n-gram)) × its count; ties go to the n-gram seen first.</summary>
    private long TopNGramChars(int nTokens, int n, out int topCount)
    {
        _table.Reset(nTokens);
        int bestCount = 0, bestFirst = 0;
        for (int i = 0; i + n <= nTokens; i++)
        {
            int count = _table.Add(SpacedHash(i, i + n), i, out int first);
            if (count > bestCount || (count == bestCount && first < bestFirst))
            {
                bestCount = count;
                bestFirst = first;
            }
        }
        long chars = _codePoints[bestFirst + n] - _codePoints[bestFirst] + (n - 1);
        topCount = bestCount;
        return chars * bestCount;
    }

    /// <summary>Length in code points of the longest space-joined n-gram.</summary>
    private long LongestNGramChars(int nTokens, int n)
    {
        ReadOnlySpan<int> cps = _codePoints.AsSpan(0, nTokens + 1);
        int longest = 0;
        for (int i = 0; i + n <= nTokens; i++) longest = Math.Max(longest, cps[i + n] - cps[i]);
        return longest + (n - 1);
    }

    /// <summary>datatrove's find_all_duplicate: chars of repeated "".join(n-gram), jumping n tokens after a repeat.</summary>
    private long DuplicatedNGramChars(int nTokens, int n)
    {
        _set.Reset(nTokens);
        long repeated = 0;
        int idx = 0;
        while (idx < nTokens - n + 1)
        {
            ulong h = ConcatHash(idx, idx + n);
            if (!_set.AddNew(h))
            {
                repeated += _codePoints[idx + n] - _codePoints[idx];
                idx += n;
            }
            else
            {
                idx++;
            }
        }
        return repeated;
    }
}
