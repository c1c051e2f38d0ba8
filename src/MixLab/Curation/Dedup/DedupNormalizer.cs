using System.Buffers;

namespace MixLab.Curation.Dedup;

/// <summary>
/// The text normalisation of exact dedup (curation spec §1.6, §2.1 exact dedup), one pass, in this order per
/// character: a fixed compatibility fold (full-width ASCII U+FF01-FF5E to ASCII; the ligatures U+FB00-FB06 to
/// ff, fi, fl, ffi, ffl, st, st; U+2026 "…" to "..."; superscript and subscript digits, including ¹ ² ³, to digits), lower-casing
/// with the invariant culture one UTF-16 unit at a time, every run of white space (char.IsWhiteSpace, which
/// includes no-break and ideographic spaces) collapsed to one U+0020, leading and trailing white space removed.
/// Two texts are exact duplicates when their normalised forms are equal.
/// Why not full NFKC: the project builds with InvariantGlobalization, where string.Normalize does not change
/// non-ASCII text, and with ICU its result would depend on the host's ICU version; the fixed fold gives the same
/// bytes everywhere. Canonical composition (e + U+0301 versus é) is not applied.
/// </summary>
public static class DedupNormalizer
{
    /// <summary>Upper bound of output characters per input character (a ligature or "…" becomes three).</summary>
    public const int MaxExpansion = 3;

    // char.IsWhiteSpace of each ASCII char, taken from the runtime so the fast path cannot disagree with it.
    private static readonly bool[] AsciiWhiteSpace = Enumerable.Range(0, 128).Select(c => char.IsWhiteSpace((char)c)).ToArray();

    /// <summary>The normalised form of <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(text.Length * MaxExpansion, 1));
        try
        {
            int n = Normalize(text, buffer);
            return new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Normalises <paramref name="source"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxExpansion"/> times as long as the source); returns the number of characters written.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> source, Span<char> destination)
    {
        int n = 0;
        bool pendingSpace = false;
        Span<char> folded = stackalloc char[MaxExpansion];
        var asciiSpace = AsciiWhiteSpace;
        foreach (char c in source)
        {
            if (c < 0x80)
            {
                // ASCII fast path, same result as the general one below: no fold applies, and invariant lower-casing
                // changes A-Z only.
                if (asciiSpace[c])
                {
                    pendingSpace = n > 0;
                    continue;
                }
                if (pendingSpace)
                {
                    destination[n++] = ' ';
                    pendingSpace = false;
                }
                destination[n++] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = n > 0;
                continue;
            }
            if (pendingSpace)
            {
                destination[n++] = ' ';
                pendingSpace = false;
            }
            int k = Fold(c, folded);
            for (int j = 0; j < k; j++)
                destination[n++] = char.ToLowerInvariant(folded[j]);
        }
        return n;
    }

    /// <summary>The compatibility fold of one character into <paramref name="output"/>; returns its length.</summary>
    internal static int Fold(char c, Span<char> output)
    {
        if (c == '\u2026') return Write(output, "...");
        if (c < 0x2070)
        {
            output[0] = c switch { '\u00B9' => '1', '\u00B2' => '2', '\u00B3' => '3', _ => c };
            return 1;
        }
        if (c is >= '\uFF01' and <= '\uFF5E') { output[0] = (char)(c - 0xFEE0); return 1; }
        switch (c)
        {
            case '\uFB00': return Write(output, "ff");
            case '\uFB01': return Write(output, "fi");
            case '\uFB02': return Write(output, "fl");
            case '\uFB03': return Write(output, "ffi");
            case '\uFB04': return Write(output, "ffl");
            case '\uFB05':
            case '\uFB06': return Write(output, "st");
            case '\u2070': output[0] = '0'; return 1;
        }
        if (c is >= '\u2074' and <= '\u2079') { output[0] = (char)('4' + (c - '\u2074')); return 1; }
        if (c is >= '\u2080' and <= '\u2089') { output[0] = (char)('0' + (c - '\u2080')); return 1; }
        output[0] = c;
        return 1;
    }

    private static int Write(Span<char> output, string s)
    {
        s.AsSpan().CopyTo(output);
        return s.Length;
    }
}
