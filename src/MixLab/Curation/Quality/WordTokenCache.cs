namespace MixLab.Curation.Quality;

/// <summary>
/// A per-thread, one-entry cache of <see cref="WordTokenizer"/> output keyed on the text's reference, so that filters
/// running back to back on the same unchanged text (Gopher quality, then Gopher repetition, then FineWeb) tokenise it
/// once (curation spec §0.1, "tokenise once per document"). The returned span is valid until the next call on the
/// same thread; callers must not keep it.
/// </summary>
public static class WordTokenCache
{
    [ThreadStatic] private static string? _text;
    [ThreadStatic] private static TokenBuffer? _tokens;

    /// <summary>The tokens of <paramref name="text"/>, tokenising it only if it is not the text of the last call.</summary>
    public static ReadOnlySpan<TokenSpan> Get(string text)
    {
        var buffer = _tokens ??= new TokenBuffer();
        if (ReferenceEquals(text, _text)) return buffer.Span;
        _text = null;
        buffer.Clear();
        WordTokenizer.Tokenize(text, buffer);
        _text = text;
        return buffer.Span;
    }
}
