using System.IO.Hashing;
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
    private ulong[] _concat = new ulong[256];   // prefix hash of tokens joined without separator
    private ulong[] _spaced = new ulong[256];   // prefix hash of tokens each followed by ' '
    private int[] _units = new int[256];        // prefix sums of UTF-16 lengths
    private int[] _codePoints = new int[256];   // prefix sums of code-point lengths
    private ulong[] _pow = new ulong[1024];

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

        foreach (var rule in _o.TopNGrams)
        {
            int n = rule.N;
            if (n <= 0 || nTokens < n) continue;
            long top = TopNGramChars(nTokens, n);
            if (top / textLen > rule.Fraction) return StepResult.Drop($"top_{n}_gram");
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
        _table.Reset(64);
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

    private static ulong MulMod(ulong a, ulong b)
    {
        UInt128 p = (UInt128)a * b;
        ulong r = ((ulong)p & Mod) + (ulong)(p >> 61);
        if (r >= Mod) r -= Mod;
        if (r >= Mod) r -= Mod;
        return r;
    }

    private static ulong AddMod(ulong a, ulong b)
    {
        ulong r = a + b;
        return r >= Mod ? r - Mod : r;
    }

    private static ulong SubMod(ulong a, ulong b) => a >= b ? a - b : a + Mod - b;

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
        ulong hc = 0, hs = 0;
        int units = 0, cps = 0;
        _concat[0] = 0;
        _spaced[0] = 0;
        _units[0] = 0;
        _codePoints[0] = 0;
        for (int k = 0; k < n; k++)
        {
            var t = text.Slice(tokens[k].Start, tokens[k].Length);
            foreach (char c in t)
            {
                hc = AddMod(MulMod(hc, Base), (ulong)c + 1);
                hs = AddMod(MulMod(hs, Base), (ulong)c + 1);
            }
            hs = AddMod(MulMod(hs, Base), ' ' + 1);
            units += t.Length + 1;
            cps += PyText.Len(t);
            _concat[k + 1] = hc;
            _spaced[k + 1] = hs;
            _units[k + 1] = units;
            _codePoints[k + 1] = cps;
        }
        if (_pow.Length < units + 1) _pow = new ulong[Math.Max(units + 1, _pow.Length * 2)];
        _pow[0] = 1;
        for (int k = 1; k <= units; k++) _pow[k] = MulMod(_pow[k - 1], Base);
    }

    // Units of tokens [i, j) without separators = (_units[j] - _units[i]) - (j - i).
    private ulong ConcatHash(int i, int j)
    {
        int len = _units[j] - _units[i] - (j - i);
        return SubMod(_concat[j], MulMod(_concat[i], _pow[len]));
    }

    private ulong SpacedHash(int i, int j) => SubMod(_spaced[j], MulMod(_spaced[i], _pow[_units[j] - _units[i]]));

    /// <summary>datatrove's find_top_duplicate: len(" ".join(top n-gram)) × its count; ties go to the n-gram seen first.</summary>
    private long TopNGramChars(int nTokens, int n)
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
        return chars * bestCount;
    }

    /// <summary>datatrove's find_all_duplicate: chars of repeated "".join(n-gram), jumping n tokens after a repeat.</summary>
    private long DuplicatedNGramChars(int nTokens, int n)
    {
        _table.Reset(nTokens);
        long repeated = 0;
        int idx = 0;
        while (idx < nTokens - n + 1)
        {
            ulong h = ConcatHash(idx, idx + n);
            if (!_table.AddNew(h))
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
