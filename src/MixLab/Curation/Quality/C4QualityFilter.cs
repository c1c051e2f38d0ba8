using System.Buffers;
using System.Text;
using MixLab.Documents;

namespace MixLab.Curation.Quality;

/// <summary>
/// C4's line-level cleaning with datatrove 0.10.0's exact semantics (curation spec §2.1, §7.1 C1-C3, appendix
/// "parity details"); step name "c4_quality". Per line (Python <c>splitlines()</c>), stripped, in datatrove's
/// order: a whitespace word longer than MaxWordLength drops the line; citations are removed (the line is not
/// stripped again, so "text. [1]" then lacks terminal punctuation); no terminal punctuation or a final "..." drops the
/// line; fewer than MinWordsPerLine words (counted before citation removal) drops the line; "lorem ipsum" drops the
/// document (lorem_ipsum); "javascript" drops the line; "{" drops the document (curly_bracket); a policy phrase drops
/// the line. Only lines that reach a check can trigger it. Kept lines contribute their sentence count
/// (<see cref="SentenceSplitter"/>); fewer than MinNumSentences drops the document (too_few_sentences). A kept
/// document's text becomes the kept lines joined with "\n", stripped; when that differs from the input the step
/// appends "c4-line-rewrite" to <see cref="Document.Transformations"/>.
/// </summary>
public sealed class C4QualityFilter : IPipelineStep
{
    private static readonly string[] PolicySubstrings =
        ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    private readonly C4QualityOptions _o;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _lineBuffer = new();
    private readonly List<(int Start, int Length)> _sentences = new();
    // One multi-string search per line instead of one case-insensitive Contains per phrase (same matches).
    private static readonly SearchValues<string> PolicySearch = SearchValues.Create(PolicySubstrings, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> LoremSearch = SearchValues.Create(["lorem ipsum"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> JavascriptSearch = SearchValues.Create(["javascript"], StringComparison.OrdinalIgnoreCase);

    private static readonly string[] StatNames =
    [
        "line-total", "line-filter-too_long_word", "line-filter-no_terminal_punc", "line-filter-too_few_words",
        "line-filter-javascript", "line-filter-policy", "line-kept",
    ];

    private const int LineTotal = 0, TooLongWord = 1, NoTerminalPunct = 2, TooFewWords = 3, Javascript = 4, Policy = 5, LineKept = 6;

    private readonly long[] _counts = new long[StatNames.Length];
    private readonly Dictionary<string, long> _stats = new();

    public C4QualityFilter(C4QualityOptions? options = null)
    {
        _o = options ?? new C4QualityOptions();
    }

    public string Name => "c4_quality";

    /// <summary>Line counters as datatrove's stat_update names them (line-total, line-kept, line-filter-*).</summary>
    public IReadOnlyDictionary<string, long> Stats
    {
        get
        {
            for (int i = 0; i < StatNames.Length; i++) _stats[StatNames[i]] = _counts[i];
            return _stats;
        }
    }

    public StepResult Process(Document document)
    {
        string text = document.Text;
        var span = text.AsSpan();
        _out.Clear();
        int sentences = 0;
        bool first = true;
        char joiner = _o.SplitParagraph ? '\n' : ' ';

        if (_o.SplitParagraph)
        {
            foreach (var (start, length) in new PySplitLines(span))
            {
                var r = ProcessLine(span.Slice(start, length), ref sentences, ref first, joiner);
                if (r is not null) return StepResult.Drop(r);
            }
        }
        else
        {
            _sentences.Clear();
            SentenceSplitter.Split(span, _sentences);
            foreach (var (start, length) in _sentences)
            {
                var r = ProcessLine(span.Slice(start, length), ref sentences, ref first, joiner);
                if (r is not null) return StepResult.Drop(r);
            }
        }

        if (sentences < _o.MinNumSentences) return StepResult.Drop("too_few_sentences");

        var (s, e) = PyText.StripRange(StringBuilderSpan());
        if (!span.SequenceEqual(StringBuilderSpan()[s..e]))
        {
            document.Text = _out.ToString(s, e - s);
            document.Transformations.Add("c4-line-rewrite");
        }
        return StepResult.Kept;
    }

    private char[] _chunk = new char[1024];

    private ReadOnlySpan<char> StringBuilderSpan()
    {
        if (_chunk.Length < _out.Length) _chunk = new char[Math.Max(_out.Length, _chunk.Length * 2)];
        _out.CopyTo(0, _chunk, _out.Length);
        return _chunk.AsSpan(0, _out.Length);
    }

    /// <summary>Applies the line rules; returns a document drop reason, or null (line kept or dropped).</summary>
    private string? ProcessLine(ReadOnlySpan<char> raw, ref int sentences, ref bool first, char joiner)
    {
        _counts[LineTotal]++;
        var line = PyText.Strip(raw);

        int words = 0;
        bool tooLong = false;
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && PyText.IsSpace(line[i])) i++;
            int st = i;
            while (i < line.Length && !PyText.IsSpace(line[i])) i++;
            if (i > st)
            {
                words++;
                if (_o.MaxWordLength != -1 && i - st > _o.MaxWordLength && PyText.Len(line[st..i]) > _o.MaxWordLength) tooLong = true;
            }
        }
        if (tooLong)
        {
            _counts[TooLongWord]++;
            return null;
        }

        if (_o.RemoveCitations && line.IndexOf('[') >= 0) line = RemoveCitations(line);

        if (_o.FilterNoTerminalPunct)
        {
            bool ok = line.Length > 0 && line[^1] is '.' or '?' or '!' or '"' or '\'' && !line.EndsWith("...");
            if (!ok)
            {
                _counts[NoTerminalPunct]++;
                return null;
            }
        }

        if (words < _o.MinWordsPerLine)
        {
            _counts[TooFewWords]++;
            return null;
        }

        if (_o.FilterLoremIpsum && line.IndexOfAny(LoremSearch) >= 0) return "lorem_ipsum";
        if (_o.FilterJavascript && line.IndexOfAny(JavascriptSearch) >= 0)
        {
            _counts[Javascript]++;
            return null;
        }
        if (_o.FilterCurlyBracket && line.Contains('{')) return "curly_bracket";
        if (_o.FilterPolicy)
        {
            if (line.IndexOfAny(PolicySearch) >= 0)
            {
                _counts[Policy]++;
                return null;
            }
        }

        if (_o.MinNumSentences > 0) sentences += _o.SplitParagraph ? SentenceSplitter.Count(line) : 1;
        if (!first) _out.Append(joiner);
        _out.Append(line);
        first = false;
        _counts[LineKept]++;
        return null;
    }

    /// <summary>Removes <c>\[\d*]</c>, <c>[edit]</c> and <c>[citation needed]</c> (Python's <c>\d</c>: any Unicode decimal digit).</summary>
    private ReadOnlySpan<char> RemoveCitations(ReadOnlySpan<char> line)
    {
        _lineBuffer.Clear();
        int copied = 0, i = 0;
        bool changed = false;
        while (i < line.Length)
        {
            int open = line[i..].IndexOf('[');
            if (open < 0) break;
            open += i;
            int len = CitationLength(line[open..]);
            if (len > 0)
            {
                _lineBuffer.Append(line[copied..open]);
                copied = open + len;
                i = copied;
                changed = true;
            }
            else
            {
                i = open + 1;
            }
        }
        if (!changed) return line;
        _lineBuffer.Append(line[copied..]);
        var chars = new char[_lineBuffer.Length];
        _lineBuffer.CopyTo(0, chars, chars.Length);
        return chars;
    }

    private static int CitationLength(ReadOnlySpan<char> s)
    {
        if (s.StartsWith("[edit]")) return 6;
        if (s.StartsWith("[citation needed]")) return 17;
        int k = 1;
        while (k < s.Length && char.IsDigit(s[k])) k++;
        return k < s.Length && s[k] == ']' ? k + 1 : 0;
    }
}
