namespace MixLab.Curation.Quality;

using MixLab.Documents;

/// <summary>
/// Gopher's quality rules with datatrove 0.10.0's exact semantics (curation spec §2.1, §7.1 G1-G8 and the appendix
/// "parity details"); step name "gopher_quality". Checks, in datatrove's order: word count (gopher_short_doc,
/// gopher_long_doc) and mean word length (gopher_below_avg_threshold, gopher_above_avg_threshold) over non-symbol
/// words (tokens with a character outside datatrove's PUNCTUATION_SET); '#' count and ellipsis count ("..." and "…" in
/// the text) divided by all tokens (gopher_too_many_hashes, gopher_too_many_ellipsis); lines per Python
/// <c>splitlines()</c> starting with a bullet (gopher_too_many_bullets) or ending with an ellipsis
/// (gopher_too_many_end_ellipsis); tokens with a letter divided by all tokens (gopher_below_alpha_threshold);
/// case-sensitive stop-word tokens (gopher_enough_stop_words). Word lengths are in code points, as Python's len.
/// Deviation: where datatrove would divide by zero (no tokens, no lines) the rule is skipped instead of crashing.
/// </summary>
public sealed class GopherQualityFilter : IPipelineStep
{
    private readonly GopherQualityOptions _o;
    private readonly int _maxStopWordLength;

    private const byte NotPunctuation = 1, Letter = 2;

    // Per ASCII char: NotPunctuation unless in datatrove's PUNCTUATION_SET, Letter for a-z A-Z.
    private static readonly byte[] AsciiClasses = BuildAsciiClasses();

    // The stop words bucketed by (length, first char clamped to 127): a token is compared only with the few stop
    // words of its bucket, and most tokens find an empty bucket (no hashing of every token).
    private readonly string[]?[] _stopBuckets;

    public GopherQualityFilter(GopherQualityOptions? options = null)
    {
        _o = options ?? new GopherQualityOptions();
        var set = new HashSet<string>(_o.StopWords ?? GopherQualityOptions.DefaultStopWords, StringComparer.Ordinal);
        _maxStopWordLength = set.Count == 0 ? 0 : set.Max(w => w.Length);
        _stopBuckets = new string[]?[(_maxStopWordLength + 1) * 128];
        foreach (var group in set.GroupBy(w => w.Length * 128 + (w.Length == 0 ? 0 : Math.Min((int)w[0], 127))))
            _stopBuckets[group.Key] = group.ToArray();
    }

    private static byte[] BuildAsciiClasses()
    {
        var t = new byte[128];
        for (int c = 0; c < 128; c++)
        {
            if (!DatatroveCharSets.IsPunctuation((char)c)) t[c] |= NotPunctuation;
            if (char.IsAsciiLetter((char)c)) t[c] |= Letter;
        }
        return t;
    }

    private bool IsStopWord(ReadOnlySpan<char> w)
    {
        var bucket = _stopBuckets[w.Length * 128 + (w.Length == 0 ? 0 : Math.Min((int)w[0], 127))];
        if (bucket is null) return false;
        foreach (var stop in bucket)
            if (w.SequenceEqual(stop)) return true;
        return false;
    }

    public string Name => "gopher_quality";

    private static bool On(int? v) => v is int x && x != 0;

    private static bool On(double? v) => v is double x && x != 0;

    public StepResult Process(Document document)
    {
        string text = document.Text;
        var tokens = WordTokenCache.Get(text);
        int nWords = tokens.Length;

        int nNonSymbol = 0, alphaWords = 0, stopWords = 0;
        long nonSymbolChars = 0;
        var classes = AsciiClasses;
        foreach (var t in tokens)
        {
            var w = text.AsSpan(t.Start, t.Length);
            // One pass over an ASCII token: non-symbol (a char outside PUNCTUATION_SET) and alphabetic (a letter);
            // other tokens take the general Unicode path.
            int any = 0;
            bool ascii = true;
            foreach (char c in w)
            {
                if (c >= 0x80)
                {
                    ascii = false;
                    break;
                }
                any |= classes[c];
            }
            if (ascii)
            {
                if ((any & NotPunctuation) != 0)
                {
                    nNonSymbol++;
                    nonSymbolChars += w.Length;
                }
                if ((any & Letter) != 0) alphaWords++;
            }
            else
            {
                if (DatatroveCharSets.IsNonSymbolWord(w))
                {
                    nNonSymbol++;
                    nonSymbolChars += PyText.Len(w);
                }
                if (PyText.ContainsAlpha(w)) alphaWords++;
            }
            if (w.Length <= _maxStopWordLength && IsStopWord(w)) stopWords++;
        }

        if (On(_o.MinDocWords) && nNonSymbol < _o.MinDocWords) return StepResult.Drop("gopher_short_doc");
        if (On(_o.MaxDocWords) && nNonSymbol > _o.MaxDocWords) return StepResult.Drop("gopher_long_doc");

        if (nNonSymbol > 0)
        {
            double avg = (double)nonSymbolChars / nNonSymbol;
            if (On(_o.MinAvgWordLength) && avg < _o.MinAvgWordLength) return StepResult.Drop("gopher_below_avg_threshold");
            if (On(_o.MaxAvgWordLength) && avg > _o.MaxAvgWordLength) return StepResult.Drop("gopher_above_avg_threshold");
        }

        var span = text.AsSpan();
        if (On(_o.MaxSymbolWordRatio) && nWords > 0)
        {
            if ((double)span.Count('#') / nWords > _o.MaxSymbolWordRatio) return StepResult.Drop("gopher_too_many_hashes");
            int ellipses = PyText.Count(span, "...") + span.Count('…');
            if ((double)ellipses / nWords > _o.MaxSymbolWordRatio) return StepResult.Drop("gopher_too_many_ellipsis");
        }

        if (On(_o.MaxBulletLinesRatio) || On(_o.MaxEllipsisLinesRatio))
        {
            int lines = 0, bullets = 0, endEllipsis = 0;
            foreach (var (start, length) in new PySplitLines(span))
            {
                lines++;
                var line = span.Slice(start, length);
                var l = PyText.LStrip(line);
                if (l.Length > 0 && (l[0] == '•' || l[0] == '-')) bullets++;
                var r = PyText.RStrip(line);
                if (r.EndsWith("...") || r.EndsWith("…")) endEllipsis++;
            }
            if (lines > 0)
            {
                if (On(_o.MaxBulletLinesRatio) && (double)bullets / lines > _o.MaxBulletLinesRatio)
                    return StepResult.Drop("gopher_too_many_bullets");
                if (On(_o.MaxEllipsisLinesRatio) && (double)endEllipsis / lines > _o.MaxEllipsisLinesRatio)
                    return StepResult.Drop("gopher_too_many_end_ellipsis");
            }
        }

        if (On(_o.MaxNonAlphaWordsRatio) && nWords > 0 && (double)alphaWords / nWords < _o.MaxNonAlphaWordsRatio)
            return StepResult.Drop("gopher_below_alpha_threshold");

        if (On(_o.MinStopWords) && stopWords < _o.MinStopWords) return StepResult.Drop("gopher_enough_stop_words");

        return StepResult.Kept;
    }
}
