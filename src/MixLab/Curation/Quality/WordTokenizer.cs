using System.Buffers;
using System.Globalization;

namespace MixLab.Curation.Quality;

/// <summary>
/// A span-based re-implementation of the rules of spaCy's blank English tokenizer (<c>spacy.blank("en")</c>), which
/// datatrove 0.10.0 uses as the English word tokenizer of its Gopher, C4 and FineWeb filters (curation spec §7.1 and
/// the appendix "parity details"). Whitespace tokens are dropped, as datatrove strips them.
/// <para>What is implemented (spaCy's algorithm, per whitespace-separated chunk):</para>
/// <list type="table">
/// <listheader><term>step</term><description>rule</description></listheader>
/// <item><term>split</term><description>on Python whitespace (<see cref="PyText.IsSpace"/>: space, \t-\r, \x1c-\x1f, NBSP, U+2000-200A, U+2028/2029, ...)</description></item>
/// <item><term>special case</term><description>the whole chunk, or what is left after stripping affixes, equal to an
/// <see cref="EnglishTokenizerExceptions"/> key is split into its pieces: don't → do n't, can't → ca n't, won't → wo n't,
/// dont → do nt, I'm → I 'm, gonna → gon na, cannot → can not; "Mr." "e.g." "a.m." stay whole</description></item>
/// <item><term>prefix</term><description>one leading char of § % = — – , : ; ! ? ¿ ؟ ¡ ( ) [ ] { } &lt; &gt; _ # * &amp; quotes
/// (' " “ ” ‘ ’ ` ´ ‚ „ « » 「 」 ...) currency ($ £ € ¥ ₹ ...), "US$" "C$" "A$", a run of ≥ 2 dots, …, "+" not
/// before a digit, any other symbol (category So except °, e.g. © and emoji)</description></item>
/// <item><term>suffix</term><description>the leftmost of: a trailing run of ≥ 2 dots, 's 'S ’s ’S, a unit or currency
/// after a digit (10km → 10 km, 5% → 5 %), + after a digit, "." after a digit / lower-case letter / % ² - + /
/// punctuation / quote / two upper-case letters / °F; else one trailing punctuation, quote, — – or symbol char</description></item>
/// <item><term>loop</term><description>prefix and suffix are stripped repeatedly until nothing changes or a special case is left</description></item>
/// <item><term>URL</term><description>what is left stays whole if it matches spaCy's URL pattern (optional scheme, optional user@,
/// host labels ending in a lower-case TLD of ≥ 2 letters or a dotted IPv4, optional :port, optional /?# path);
/// e-mail addresses and file.txt-like names therefore stay whole</description></item>
/// <item><term>infix</term><description>split at: runs of ≥ 2 dots and …, symbols (So), + - * ^ between digits,
/// "." between lower-case (or quote) and upper-case (or quote), "," between letters, - – — -- --- —— ~ after a
/// letter/digit and before a letter, : &lt; &gt; = / after a letter/digit and before a letter. Numbers such as
/// 3.14, 1,000, 10-20 (digit-hyphen-digit splits) follow from these rules</description></item>
/// </list>
/// Deviations (knowingly): only the listed special cases (spaCy's full English table also has emoticons and rarer
/// forms); spaCy's post-pass that re-merges special cases spanning affixes is not run; character classes use .NET
/// Unicode categories (<see cref="char.IsLower(char)"/>, <see cref="char.IsLetter(char)"/>) where spaCy lists ranges.
/// </summary>
public static class WordTokenizer
{
    private const string PunctChars = ",:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪…";
    private const string QuoteChars = "'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉⟦⟧";
    private const string CurrencyChars = "$£€¥฿₽﷼₴₠₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₵₶₷₸₹₺₻₼₾₿";

    private static readonly SearchValues<char> PrefixValues =
        SearchValues.Create("§%=—–" + PunctChars + QuoteChars + CurrencyChars);

    private static readonly SearchValues<char> SuffixCharValues = SearchValues.Create(PunctChars + QuoteChars + "—–");

    private static readonly SearchValues<char> QuoteValues = SearchValues.Create(QuoteChars);

    // Characters after which a final "." is split off (besides digits and lower-case letters).
    private static readonly SearchValues<char> DotLookbehind = SearchValues.Create("%²-+|" + PunctChars + QuoteChars + "()?:");

    private static readonly string[] Units =
    [
        "km", "km²", "km³", "m", "m²", "m³", "dm", "dm²", "dm³", "cm", "cm²", "cm³", "mm", "mm²", "mm³", "ha", "µm",
        "nm", "yd", "in", "ft", "kg", "g", "mg", "µg", "t", "lb", "oz", "m/s", "km/h", "kmh", "mph", "hPa", "Pa", "mbar",
        "mb", "MB", "kb", "KB", "gb", "GB", "tb", "TB", "T", "G", "M", "K", "%", "км", "км²", "км³", "м", "м²", "м³",
        "дм", "см", "мм", "нм", "кг", "г", "мг", "м/с", "км/ч", "кПа", "Па", "мбар", "Кб", "КБ", "кб", "Мб", "МБ", "мб",
        "Гб", "ГБ", "гб", "Тб", "ТБ", "тб",
        "$", "£", "€", "¥", "฿", "US$", "C$", "A$", "₽", "₴", "₹", "₩", "₪", "₫", "₱", "₺", "₿",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UnitLookup =
        new HashSet<string>(Units, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int MaxUnitLength = Units.Max(u => u.Length);

    // ASCII classes for the chunk scan: 1 = Python whitespace, 2 = letter a-z A-Z, 0 = anything else.
    private static ReadOnlySpan<byte> AsciiClass =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    ];

    [ThreadStatic] private static TokenBuffer? _suffixStack;

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="output"/> (offsets into <paramref name="text"/>).</summary>
    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer output)
    {
        var suffixes = _suffixStack ??= new TokenBuffer();
        var classes = AsciiClass;
        int i = 0, n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (c < 0x80 ? classes[c] == 1 : PyText.IsSpace(c))
            {
                i++;
                continue;
            }
            // One chunk (a maximal run of non-space chars), noting whether it is ASCII letters only.
            int start = i;
            bool letters = true;
            do
            {
                c = text[i];
                if (c < 0x80)
                {
                    byte k = classes[c];
                    if (k == 1) break;
                    if (k == 0) letters = false;
                }
                else
                {
                    if (PyText.IsSpace(c)) break;
                    letters = false;
                }
                i++;
            }
            while (i < n);
            if (letters)
            {
                var chunk = text[start..i];
                if (!EmitSpecial(chunk, start, output)) output.Add(start, i - start);
            }
            else
            {
                TokenizeChunk(text, start, i, output, suffixes);
            }
        }
    }

    /// <summary>Convenience for tests and tools: the tokens as strings.</summary>
    public static List<string> TokenizeToStrings(string text)
    {
        using var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        var list = new List<string>(buffer.Count);
        foreach (var t in buffer.Span) list.Add(text.Substring(t.Start, t.Length));
        return list;
    }

    /// <summary>True when the token has no letter or digit (a symbol/punctuation token such as "#", "...", "—").</summary>
    public static bool IsSymbolToken(ReadOnlySpan<char> token)
    {
        for (int i = 0; i < token.Length; i++)
        {
            var cat = PyText.CategoryAt(token, i, out int w);
            if (cat <= UnicodeCategory.OtherLetter || (cat >= UnicodeCategory.DecimalDigitNumber && cat <= UnicodeCategory.OtherNumber))
                return false;
            i += w - 1;
        }
        return true;
    }

    private static bool IsAsciiLetterWord(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
            if ((uint)((c | 0x20) - 'a') > 'z' - 'a') return false;
        return true;
    }

    private static void TokenizeChunk(ReadOnlySpan<char> text, int s, int e, TokenBuffer output, TokenBuffer suffixes)
    {
        var chunk = text[s..e];
        if (IsAsciiLetterWord(chunk))
        {
            if (!EmitSpecial(chunk, s, output)) output.Add(s, e - s);
            return;
        }
        if (TryFastWordWithPunctuation(chunk, s, output)) return;
        if (FastAffixPath)
        {
            // One char ("=", "|", "*", "¶"): whichever rule takes it, it comes out as one token.
            if (chunk.Length == 1 && !char.IsSurrogate(chunk[0]))
            {
                output.Add(s, 1);
                return;
            }
            // A whole chunk that is a special case ("wasn't", "e.g.", "Mr."): the loop below would stop at once and
            // emit it as the special case.
            if (EmitSpecial(chunk, s, output)) return;
            if (TryFastAffixedWord(chunk, s, output)) return;
            if (TryFastHyphenatedWord(chunk, s, output)) return;
        }

        int suffixBase = suffixes.Count;
        int a = s, b = e, lastSize = -1;
        while (a < b && b - a != lastSize)
        {
            if (EnglishTokenizerExceptions.Find(text[a..b]) != null) break;
            lastSize = b - a;
            var str = text[a..b];
            int pre = FindPrefix(str);
            if (pre != 0 && a + pre < b && EnglishTokenizerExceptions.Find(text[(a + pre)..b]) != null)
            {
                output.Add(a, pre);
                a += pre;
                break;
            }
            int suf = FindSuffix(str[pre..]);
            if (suf != 0 && b - suf > a && EnglishTokenizerExceptions.Find(text[a..(b - suf)]) != null)
            {
                suffixes.Add(b - suf, suf);
                b -= suf;
                break;
            }
            if (pre != 0 && suf != 0 && pre + suf <= b - a)
            {
                output.Add(a, pre);
                suffixes.Add(b - suf, suf);
                a += pre;
                b -= suf;
            }
            else if (pre != 0)
            {
                output.Add(a, pre);
                a += pre;
            }
            else if (suf != 0)
            {
                suffixes.Add(b - suf, suf);
                b -= suf;
            }
            if (a < b && EnglishTokenizerExceptions.Find(text[a..b]) != null) break;
        }

        if (a < b)
        {
            var middle = text[a..b];
            if (!EmitSpecial(middle, a, output))
            {
                if (UrlMatcher.IsMatch(middle)) output.Add(a, b - a);
                else SplitInfixes(middle, a, output);
            }
        }
        for (int k = suffixes.Count - 1; k >= suffixBase; k--) output.Add(suffixes[k]);
        suffixes.Truncate(suffixBase);
    }

    /// <summary>Fast path for the commonest chunk shape, ASCII letters followed by one of , ; : ! ? or a "." that
    /// the suffix rules split off (after a lower-case letter or two upper-case letters); gives the same tokens as the
    /// general loop: the whole chunk is no special case, the punctuation is a suffix, and the letters are either a
    /// special case or one token (no prefix, suffix, infix or URL is possible in ASCII letters alone).</summary>
    private static bool TryFastWordWithPunctuation(ReadOnlySpan<char> chunk, int offset, TokenBuffer output)
    {
        int n = chunk.Length;
        if (n < 2) return false;
        char last = chunk[n - 1];
        if (last is not (',' or ';' or ':' or '!' or '?' or '.')) return false;
        var word = chunk[..(n - 1)];
        if (!IsAsciiLetterWord(word)) return false;
        if (last == '.')
        {
            char p = word[^1];
            bool splits = char.IsAsciiLetterLower(p) || (word.Length >= 2 && char.IsAsciiLetterUpper(p) && char.IsAsciiLetterUpper(word[^2]));
            if (!splits) return false;
        }
        if (EnglishTokenizerExceptions.Find(chunk) != null) return false;
        if (!EmitSpecial(word, offset, output)) output.Add(offset, n - 1);
        output.Add(offset + n - 1, 1);
        return true;
    }

    /// <summary>Off only in tests, which compare the fast path with the general loop.</summary>
    internal static bool FastAffixPath = true;

    // Affix chars of the fast path below: each is a one-char prefix (FindPrefix returns 1) or suffix (FindSuffix
    // returns 1 when the chunk has no digit, '.', apostrophe or '+'), and no special-case key contains any of them.
    private static readonly SearchValues<char> SafePrefixChars = SearchValues.Create("([{\"");
    private static readonly SearchValues<char> SafeSuffixChars = SearchValues.Create(")]}\",;:!?");

    /// <summary>
    /// Fast path for the second commonest chunk shape in technical text: ASCII letters (or ASCII digits) wrapped in
    /// brackets, double quotes and trailing , ; : ! ? — "(noun):", "(see", "word)", "\"The", "{graphical", "2,". The
    /// general loop takes off one prefix and one suffix char per round, checks for special cases (none can match: no
    /// key contains these chars), and ends with the core, which is one token or a special case (no infix, unit or URL
    /// is possible in ASCII letters alone or digits alone). So the tokens are each prefix char, the core, each suffix
    /// char, in text order.
    /// </summary>
    private static bool TryFastAffixedWord(ReadOnlySpan<char> chunk, int offset, TokenBuffer output)
    {
        int a = 0, b = chunk.Length;
        while (a < b && SafePrefixChars.Contains(chunk[a])) a++;
        while (b > a && SafeSuffixChars.Contains(chunk[b - 1])) b--;
        if (a == b) return false;
        var core = chunk[a..b];
        if (!IsAsciiLetterWord(core) && core.ContainsAnyExceptInRange('0', '9')) return false;
        for (int k = 0; k < a; k++) output.Add(offset + k, 1);
        if (!EmitSpecial(core, offset + a, output)) output.Add(offset + a, b - a);
        for (int k = b; k < chunk.Length; k++) output.Add(offset + k, 1);
        return true;
    }

    /// <summary>Fast path for "Levi-Civita", "keyboard-composed": ASCII letters, one hyphen, ASCII letters. No prefix,
    /// suffix, special case (no key has a hyphen) or URL applies, and the hyphen between letters is the only infix,
    /// so the general rules give the left word, "-", the right word (the parts are not checked for special cases).</summary>
    private static bool TryFastHyphenatedWord(ReadOnlySpan<char> chunk, int offset, TokenBuffer output)
    {
        int h = chunk.IndexOf('-');
        if (h <= 0 || h == chunk.Length - 1) return false;
        if (!IsAsciiLetterWord(chunk[..h]) || !IsAsciiLetterWord(chunk[(h + 1)..])) return false;
        output.Add(offset, h);
        output.Add(offset + h, 1);
        output.Add(offset + h + 1, chunk.Length - h - 1);
        return true;
    }

    private static bool EmitSpecial(ReadOnlySpan<char> s, int offset, TokenBuffer output)
    {
        var pieces = EnglishTokenizerExceptions.Find(s);
        if (pieces == null) return false;
        foreach (int len in pieces)
        {
            output.Add(offset, len);
            offset += len;
        }
        return true;
    }

    private static bool IsAsciiDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsSymbolSo(ReadOnlySpan<char> s, int i, out int width) =>
        PyText.CategoryAt(s, i, out width) == UnicodeCategory.OtherSymbol && s[i] != '°';

    /// <summary>Length of the prefix to split off the start of <paramref name="s"/>, or 0.</summary>
    internal static int FindPrefix(ReadOnlySpan<char> s)
    {
        char c = s[0];
        if (c == '.')
        {
            int k = 1;
            while (k < s.Length && s[k] == '.') k++;
            return k >= 2 ? k : 0;
        }
        if (c == '+') return s.Length > 1 && IsAsciiDigit(s[1]) ? 0 : 1;
        if (PrefixValues.Contains(c)) return 1;
        if (c == 'U' && s.StartsWith("US$")) return 3;
        if ((c == 'C' || c == 'A') && s.Length > 1 && s[1] == '$') return 2;
        if (c >= 0x80 && IsSymbolSo(s, 0, out int w)) return w;
        return 0;
    }

    /// <summary>Length of the suffix to split off the end of <paramref name="s"/>, or 0 (leftmost match wins, as in
    /// Python's <c>re.search</c> over the alternatives anchored at <c>$</c>).</summary>
    internal static int FindSuffix(ReadOnlySpan<char> s)
    {
        int len = s.Length;
        if (len == 0) return 0;
        int best = int.MaxValue;
        char last = s[len - 1];

        if (last == '.')
        {
            int k = len - 1;
            while (k > 0 && s[k - 1] == '.') k--;
            if (len - k >= 2) best = k;
        }
        if (len >= 2 && s[len - 1] == '…' && s[len - 2] == '…') best = Math.Min(best, len - 2);
        if (len >= 2 && (last == 's' || last == 'S') && (s[len - 2] == '\'' || s[len - 2] == '’')) best = Math.Min(best, len - 2);

        // unit or currency after a digit: the leftmost start st with a digit before it and s[st..] a unit
        for (int st = Math.Max(1, len - MaxUnitLength); st < len && st < best; st++)
        {
            if (IsAsciiDigit(s[st - 1]) && UnitLookup.Contains(s[st..]))
            {
                best = st;
                break;
            }
        }
        if (last == '+' && len >= 2 && IsAsciiDigit(s[len - 2])) best = Math.Min(best, len - 1);
        if (last == '.' && len >= 2)
        {
            char p = s[len - 2];
            if (IsAsciiDigit(p) || char.IsLower(p) || DotLookbehind.Contains(p)
                || (len >= 3 && char.IsUpper(p) && char.IsUpper(s[len - 3]))
                || (len >= 3 && s[len - 3] == '°' && "FfCcKk".Contains(p)))
                best = Math.Min(best, len - 1);
        }
        if (best > len - 1 && SuffixCharValues.Contains(last)) best = len - 1;
        if (best > len - 2 && char.IsLowSurrogate(last) && len >= 2 && IsSymbolSo(s, len - 2, out _)) best = len - 2;
        if (best > len - 1 && last >= 0x80 && !char.IsSurrogate(last) && IsSymbolSo(s, len - 1, out _)) best = len - 1;
        return best == int.MaxValue ? 0 : len - best;
    }

    private static bool IsHyphenAt(ReadOnlySpan<char> s, int i, out int length)
    {
        // Alternatives in spaCy's order: - – — -- --- —— ~ ; each must be followed by a letter.
        length = 0;
        char c = s[i];
        if (c == '-')
        {
            int k = i;
            while (k < s.Length && s[k] == '-' && k - i < 3) k++;
            for (int l = 1; l <= k - i; l++)
                if (i + l < s.Length && char.IsLetter(s[i + l])) { length = l; return true; }
            return false;
        }
        if (c == '–' || c == '~') { length = 1; return i + 1 < s.Length && char.IsLetter(s[i + 1]); }
        if (c == '—')
        {
            if (i + 1 < s.Length && char.IsLetter(s[i + 1])) { length = 1; return true; }
            if (i + 2 < s.Length && s[i + 1] == '—' && char.IsLetter(s[i + 2])) { length = 2; return true; }
        }
        return false;
    }

    /// <summary>Finds the next infix at or after <paramref name="i"/>; returns its start (or -1) and length.</summary>
    private static int NextInfix(ReadOnlySpan<char> s, int i, out int length)
    {
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '.' && i + 1 < s.Length && s[i + 1] == '.')
            {
                int k = i + 2;
                while (k < s.Length && s[k] == '.') k++;
                length = k - i;
                return i;
            }
            if (c == '…') { length = 1; return i; }
            if (c >= 0x80 && !char.IsLowSurrogate(c) && IsSymbolSo(s, i, out int w)) { length = w; return i; }
            if (i == 0) continue;
            char p = s[i - 1];
            bool hasNext = i + 1 < s.Length;
            char nx = hasNext ? s[i + 1] : '\0';
            switch (c)
            {
                case '+' or '-' or '*' or '^' when IsAsciiDigit(p) && hasNext && (IsAsciiDigit(nx) || nx == '-'):
                    length = 1;
                    return i;
                case '.' when (char.IsLower(p) || QuoteValues.Contains(p)) && hasNext && (char.IsUpper(nx) || QuoteValues.Contains(nx)):
                    length = 1;
                    return i;
                case ',' when char.IsLetter(p) && hasNext && char.IsLetter(nx):
                    length = 1;
                    return i;
            }
            if (char.IsLetter(p) || IsAsciiDigit(p))
            {
                if (IsHyphenAt(s, i, out length)) return i;
                if ((c == ':' || c == '<' || c == '>' || c == '=' || c == '/') && hasNext && char.IsLetter(nx))
                {
                    length = 1;
                    return i;
                }
            }
        }
        length = 0;
        return -1;
    }

    private static void SplitInfixes(ReadOnlySpan<char> s, int offset, TokenBuffer output)
    {
        int start = 0, pos = 0;
        while (true)
        {
            int m = NextInfix(s, pos, out int len);
            if (m < 0) break;
            pos = m + len;
            if (m == 0) continue; // spaCy skips an infix at the very start of the string
            if (m != start) output.Add(offset + start, m - start);
            output.Add(offset + m, len);
            start = m + len;
        }
        if (start < s.Length) output.Add(offset + start, s.Length - start);
    }
}
