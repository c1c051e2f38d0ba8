using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MixLab.Documents;

namespace MixLab.Curation.Quality;

/// <summary>
/// FineWeb's quality rules with datatrove 0.10.0's exact semantics (curation spec §2.1, §7.1 F1-F4, appendix
/// "parity details"); step name "fineweb_quality". Lines are the text split on '\n' only, blank ones (Python
/// <c>strip()</c> empty) removed; no line left drops with "empty". In order: fraction of lines whose last char (not
/// stripped, so a trailing space counts against it) is a stop char below LinePunctThr (line_punct_ratio, unless it
/// is 0 and LinePunctExcludeZero); fraction of lines of at most ShortLineLength code points above ShortLineThr
/// (short_line_ratio); chars of duplicated lines / chars without '\n' above CharDuplicatesRatio (char_dup_ratio);
/// '\n' count / tokens above NewLineRatio (list_ratio). Duplicate lines are found by xxHash3.
/// </summary>
public sealed class FineWebQualityFilter : IPipelineStep
{
    private readonly FineWebQualityOptions _o;
    private readonly SearchValues<char> _stopChars;
    private readonly UInt64CountTable _seen = new();

    public FineWebQualityFilter(FineWebQualityOptions? options = null)
    {
        _o = options ?? new FineWebQualityOptions();
        _stopChars = _o.StopChars is null ? DatatroveCharSets.TerminalPunctuation : SearchValues.Create(_o.StopChars);
    }

    public string Name => "fineweb_quality";

    public StepResult Process(Document document)
    {
        string text = document.Text;
        var span = text.AsSpan();
        int lines = 0, punct = 0, shortLines = 0, newlines = 0;
        long dupChars = 0;
        _seen.Reset(span.Count('\n') + 1); // sized once: never grows (growing reallocates)

        int start = 0;
        while (true)
        {
            int nl = span[start..].IndexOf('\n');
            int end = nl < 0 ? span.Length : start + nl;
            var line = span[start..end];
            if (PyText.Strip(line).Length > 0)
            {
                lines++;
                if (_stopChars.Contains(line[^1])) punct++;
                int len = PyText.Len(line);
                if (len <= _o.ShortLineLength) shortLines++;
                if (!_seen.AddNew(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(line)))) dupChars += len;
            }
            if (nl < 0) break;
            newlines++;
            start = end + 1;
        }

        if (lines == 0) return StepResult.Drop("empty");

        double ratio = (double)punct / lines;
        if (ratio < _o.LinePunctThr && !(ratio == 0 && _o.LinePunctExcludeZero)) return StepResult.Drop("line_punct_ratio");

        if ((double)shortLines / lines > _o.ShortLineThr) return StepResult.Drop("short_line_ratio");

        int charsWithoutNewlines = PyText.Len(span) - newlines;
        if ((double)dupChars / charsWithoutNewlines > _o.CharDuplicatesRatio) return StepResult.Drop("char_dup_ratio");

        int words = WordTokenCache.Get(text).Length;
        if ((double)newlines / words > _o.NewLineRatio) return StepResult.Drop("list_ratio");

        return StepResult.Kept;
    }
}
