using System.Buffers;

namespace MixLab.Curation.Quality;

/// <summary>One token of a text: its start offset and UTF-16 length (the token is <c>text[Start..(Start+Length)]</c>).</summary>
public readonly record struct TokenSpan(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// A growable list of <see cref="TokenSpan"/> backed by a pooled array, so that tokenising a document allocates no
/// string or array per token or per document (curation spec §0.1: tokenisation is most of the filters' cost).
/// </summary>
public sealed class TokenBuffer : IDisposable
{
    private TokenSpan[] _items = ArrayPool<TokenSpan>.Shared.Rent(256);

    public int Count { get; private set; }

    public ReadOnlySpan<TokenSpan> Span => _items.AsSpan(0, Count);

    public TokenSpan this[int index] => _items[index];

    public void Add(int start, int length)
    {
        if (Count == _items.Length) Grow();
        _items[Count++] = new TokenSpan(start, length);
    }

    public void Add(TokenSpan token) => Add(token.Start, token.Length);

    public void Clear() => Count = 0;

    /// <summary>Drops tokens from <paramref name="count"/> on (used as a stack by the tokenizer).</summary>
    internal void Truncate(int count) => Count = count;

    private void Grow()
    {
        var bigger = ArrayPool<TokenSpan>.Shared.Rent(_items.Length * 2);
        _items.AsSpan(0, Count).CopyTo(bigger);
        ArrayPool<TokenSpan>.Shared.Return(_items);
        _items = bigger;
    }

    public void Dispose()
    {
        if (_items.Length == 0) return;
        ArrayPool<TokenSpan>.Shared.Return(_items);
        _items = [];
        Count = 0;
    }
}
