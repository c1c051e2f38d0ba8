using System.Globalization;

namespace MixLab.Curation.Quality;

/// <summary>
/// spaCy's rule-based sentencizer over <see cref="WordTokenizer"/> tokens, as datatrove's C4 filter uses it to count
/// sentences (curation spec appendix "parity details"): a token that is exactly one sentence-final character
/// (<see cref="DatatroveCharSets.TerminalPunctuationChars"/>: . ! ? and their script variants) marks a boundary, and
/// the next token that is neither punctuation (all chars Unicode P*) nor sentence-final starts a new sentence; so
/// closing quotes and brackets stay with the sentence they end. Whitespace tokens that spaCy would create (a gap
/// other than one plain space) count as non-punctuation tokens; sentences made of whitespace only are not counted,
/// as datatrove strips them. "..." is one token and not sentence-final.
/// </summary>
public static class SentenceSplitter
{
    [ThreadStatic] private static TokenBuffer? _scratch;

    /// <summary>Number of sentences in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var tokens = _scratch ??= new TokenBuffer();
        tokens.Clear();
        WordTokenizer.Tokenize(text, tokens);
        return Walk(text, tokens.Span, null);
    }

    /// <summary>Appends the (stripped) sentence ranges of <paramref name="text"/> to <paramref name="sentences"/>.</summary>
    public static void Split(ReadOnlySpan<char> text, List<(int Start, int Length)> sentences)
    {
        var tokens = _scratch ??= new TokenBuffer();
        tokens.Clear();
        WordTokenizer.Tokenize(text, tokens);
        Walk(text, tokens.Span, sentences);
    }

    private static bool IsAllPunct(ReadOnlySpan<char> token)
    {
        for (int i = 0; i < token.Length; i++)
        {
            var cat = PyText.CategoryAt(token, i, out int w);
            if (cat < UnicodeCategory.ConnectorPunctuation || cat > UnicodeCategory.OtherPunctuation) return false;
            i += w - 1;
        }
        return true;
    }

    private static int Walk(ReadOnlySpan<char> text, ReadOnlySpan<TokenSpan> tokens, List<(int, int)>? output)
    {
        int count = 0;
        bool seenPeriod = false;
        int sentStart = -1, sentEnd = -1; // first and last real token offsets of the current sentence
        int prevEnd = 0;

        void Close(ref int start, ref int end)
        {
            if (start >= 0)
            {
                count++;
                output?.Add((start, end - start));
            }
            start = -1;
            end = -1;
        }

        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            int gap = t.Start - prevEnd;
            bool whitespaceToken = gap > 0 && (gap >= 2 || text[prevEnd] != ' ' || i == 0);
            if (whitespaceToken && seenPeriod)
            {
                Close(ref sentStart, ref sentEnd);
                seenPeriod = false;
            }

            var tok = text.Slice(t.Start, t.Length);
            bool isPunctChar = tok.Length == 1 && DatatroveCharSets.IsTerminalPunctuation(tok[0]);
            if (seenPeriod && !isPunctChar && !IsAllPunct(tok))
            {
                Close(ref sentStart, ref sentEnd);
                seenPeriod = false;
            }
            else if (isPunctChar)
            {
                seenPeriod = true;
            }
            if (sentStart < 0) sentStart = t.Start;
            sentEnd = t.End;
            prevEnd = t.End;
        }
        Close(ref sentStart, ref sentEnd);
        return count;
    }
}
