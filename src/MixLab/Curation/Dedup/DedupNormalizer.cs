using System.Buffers;
using System.Text;

namespace MixLab.Curation.Dedup;

/// <summary>
/// The text normalisation of exact dedup (curation spec §1.6, §2.1 exact dedup), in this order: Unicode NFKC
/// (compatibility forms such as "ﬁ", full-width letters and no-break spaces fold to their plain forms),
/// lower-casing with the invariant culture one UTF-16 unit at a time, every run of white space (char.IsWhiteSpace)
/// collapsed to one U+0020, leading and trailing white space removed. Two texts are exact duplicates when their
/// normalised forms are equal.
/// </summary>
public static class DedupNormalizer
{
    /// <summary>The normalised form of <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        string nfkc = ToNfkc(text);
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(nfkc.Length, 1));
        try
        {
            int n = LowerAndCollapse(nfkc, buffer);
            return new string(buffer, 0, n);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>NFKC of <paramref name="text"/>; returns the same instance when it is already in NFKC (all ASCII text is).</summary>
    public static string ToNfkc(string text) =>
        text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);

    /// <summary>
    /// Lower-cases and collapses white space of <paramref name="source"/> (already NFKC) into
    /// <paramref name="destination"/> (at least as long as the source); returns the number of characters written.
    /// </summary>
    public static int LowerAndCollapse(ReadOnlySpan<char> source, Span<char> destination)
    {
        int n = 0;
        bool pendingSpace = false;
        foreach (char c in source)
        {
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
            destination[n++] = char.ToLowerInvariant(c);
        }
        return n;
    }
}
