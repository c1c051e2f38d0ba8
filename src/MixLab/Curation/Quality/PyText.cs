using System.Globalization;
using System.Text;

namespace MixLab.Curation.Quality;

/// <summary>
/// Python <c>str</c> semantics that datatrove's heuristic filters depend on (curation spec, appendix "parity details
/// of datatrove 0.10.0's heuristic filters"): <c>isspace</c>, <c>strip</c>, <c>splitlines</c>, <c>isalpha</c> and
/// <c>len</c> in code points. All members work on spans and allocate nothing.
/// </summary>
public static class PyText
{
    /// <summary>Python's <c>str.isspace</c> for one UTF-16 unit: Unicode White_Space plus the separators
    /// U+001C..U+001F (which .NET's <see cref="char.IsWhiteSpace(char)"/> does not count).</summary>
    public static bool IsSpace(char c)
    {
        if (c <= 0x7F) return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
        return char.IsWhiteSpace(c);
    }

    /// <summary>Python's <c>str.strip()</c> (whitespace per <see cref="IsSpace"/>).</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> s) => RStrip(LStrip(s));

    public static ReadOnlySpan<char> LStrip(ReadOnlySpan<char> s)
    {
        int i = 0;
        while (i < s.Length && IsSpace(s[i])) i++;
        return s[i..];
    }

    public static ReadOnlySpan<char> RStrip(ReadOnlySpan<char> s)
    {
        int e = s.Length;
        while (e > 0 && IsSpace(s[e - 1])) e--;
        return s[..e];
    }

    /// <summary>Start and end offset of <see cref="Strip"/> within <paramref name="s"/>.</summary>
    public static (int Start, int End) StripRange(ReadOnlySpan<char> s)
    {
        int i = 0, e = s.Length;
        while (i < e && IsSpace(s[i])) i++;
        while (e > i && IsSpace(s[e - 1])) e--;
        return (i, e);
    }

    /// <summary>True for the separators Python's <c>str.splitlines()</c> breaks on: \n \r \v \f \x1c \x1d \x1e
    /// \x85 U+2028 U+2029 (\r\n counts as one break).</summary>
    public static bool IsLineBreak(char c) =>
        c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e' || c == '\x85'
        || c == '\u2028' || c == '\u2029';

    /// <summary>The <see cref="IsLineBreak"/> characters, for vectorised searches.</summary>
    public static readonly System.Buffers.SearchValues<char> LineBreaks =
        System.Buffers.SearchValues.Create("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029");

    /// <summary>Python's <c>len</c>: code points, i.e. UTF-16 length minus the low surrogates of pairs.</summary>
    public static int Len(ReadOnlySpan<char> s)
    {
        int first = s.IndexOfAnyInRange('\uDC00', '\uDFFF');
        if (first < 0) return s.Length;
        int low = 0;
        for (int i = first; i < s.Length; i++)
            if (char.IsLowSurrogate(s[i])) low++;
        return s.Length - low;
    }

    /// <summary>Python's <c>str.isalpha</c> on one character (code point): a Unicode letter (categories L*).</summary>
    public static bool ContainsAlpha(ReadOnlySpan<char> s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80)
            {
                if ((uint)((c | 0x20) - 'a') <= 'z' - 'a') return true;
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                if (Rune.IsLetter(new Rune(c, s[i + 1]))) return true;
                i++;
                continue;
            }
            if (char.IsLetter(c)) return true;
        }
        return false;
    }

    /// <summary>Python's <c>str.count(sub)</c>: non-overlapping occurrences, scanning left to right.</summary>
    public static int Count(ReadOnlySpan<char> s, ReadOnlySpan<char> sub)
    {
        int n = 0;
        while (true)
        {
            int i = s.IndexOf(sub);
            if (i < 0) return n;
            n++;
            s = s[(i + sub.Length)..];
        }
    }

    /// <summary>Unicode category of the code point at <paramref name="i"/> and its UTF-16 width (1 or 2).</summary>
    public static UnicodeCategory CategoryAt(ReadOnlySpan<char> s, int i, out int width)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return Rune.GetUnicodeCategory(new Rune(c, s[i + 1]));
        }
        width = 1;
        return char.GetUnicodeCategory(c);
    }
}

/// <summary>
/// Enumerates lines like Python's <c>str.splitlines()</c> (no keepends): breaks on every <see cref="PyText.IsLineBreak"/>
/// separator, \r\n as one, no trailing empty line after a final separator, no line at all for empty text.
/// </summary>
public ref struct PySplitLines
{
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public PySplitLines(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
        Current = default;
    }

    public (int Start, int Length) Current { get; private set; }

    public readonly PySplitLines GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_pos >= _text.Length) return false;
        int start = _pos;
        int rel = _text[start..].IndexOfAny(PyText.LineBreaks);
        int i = rel < 0 ? _text.Length : start + rel;
        Current = (start, i - start);
        if (i < _text.Length)
        {
            i += _text[i] == '\r' && i + 1 < _text.Length && _text[i + 1] == '\n' ? 2 : 1;
        }
        _pos = i;
        return true;
    }
}
