using System.Buffers;

namespace MixLab.Curation.Quality;

/// <summary>
/// Character sets that datatrove 0.10.0's heuristic filters use (curation spec §2.1 and its parity appendix):
/// <see cref="IsPunctuation"/> tests datatrove's <c>PUNCTUATION_SET</c> (a token made only of these is a "symbol word"
/// that Gopher quality leaves out of its word count and mean word length); <see cref="TerminalPunctuationChars"/> is the
/// sentence-final set shared by spaCy's sentencizer and FineWeb's line-punctuation rule.
/// </summary>
public static class DatatroveCharSets
{
    // datatrove utils/text.py PUNCTUATION: the listed characters plus the control characters 0-8, 11-31, 127-159
    // (tab and \n are not in it). Note it contains the fullwidth digit "１".
    private const string PunctuationListed =
        "!/—”:％１〈&(、━\\【#%「」，】；+^]~“《„';’{|∶´[=-`*．（–？！：$～«〉,><》)?）。…@_.\"}►»";

    private static readonly SearchValues<char> PunctuationValues = SearchValues.Create(BuildPunctuation());

    /// <summary>Sentence-final characters (the BMP part of spaCy's sentencizer default <c>punct_chars</c>).</summary>
    public const string TerminalPunctuationChars =
        "!.?։؟۔܀܁܂߹।॥၊။።፧፨᙮᜵᜶᠃᠉᥄᥅᪨᪩᪪᪫᭚᭛᭞᭟᰻᰼᱾᱿‼‽⁇⁈⁉⸮⸼꓿꘎꘏꛳꛷꡶꡷꣎꣏꤯꧈꧉꩝꩞꩟꫰꫱꯫﹒﹖﹗！．？｡。";

    private static readonly SearchValues<char> TerminalValues = SearchValues.Create(TerminalPunctuationChars);

    private static string BuildPunctuation()
    {
        var chars = new List<char>(PunctuationListed);
        for (int c = 0; c < 9; c++) chars.Add((char)c);
        for (int c = 11; c < 32; c++) chars.Add((char)c);
        for (int c = 127; c < 160; c++) chars.Add((char)c);
        return new string(chars.ToArray());
    }

    /// <summary>True when <paramref name="c"/> is in datatrove's <c>PUNCTUATION_SET</c>.</summary>
    public static bool IsPunctuation(char c) => PunctuationValues.Contains(c);

    /// <summary>datatrove's non-symbol word test: the token has at least one character outside <c>PUNCTUATION_SET</c>.</summary>
    public static bool IsNonSymbolWord(ReadOnlySpan<char> token) => token.IndexOfAnyExcept(PunctuationValues) >= 0;

    /// <summary>True when <paramref name="c"/> is a sentence-final punctuation character.</summary>
    public static bool IsTerminalPunctuation(char c) => TerminalValues.Contains(c);

    /// <summary>Search values of <see cref="TerminalPunctuationChars"/>.</summary>
    public static SearchValues<char> TerminalPunctuation => TerminalValues;
}
