namespace MixLab.Curation.Quality;

/// <summary>
/// Thresholds of <see cref="GopherQualityFilter"/> with datatrove 0.10.0's defaults (curation spec §2.1; Gopher,
/// Rae et al. 2021, appendix A). Property names bind from datatrove's argument names (<c>min_doc_words</c>, ...).
/// As in datatrove, a null or zero threshold switches its rule off.
/// </summary>
public sealed class GopherQualityOptions
{
    /// <summary>Default stop words (Gopher): matched case-sensitively against tokens.</summary>
    public static readonly IReadOnlyList<string> DefaultStopWords = ["the", "be", "to", "of", "and", "that", "have", "with"];

    /// <summary>Minimum number of non-symbol words.</summary>
    public int? MinDocWords { get; init; } = 50;

    /// <summary>Maximum number of non-symbol words.</summary>
    public int? MaxDocWords { get; init; } = 100_000;

    /// <summary>Minimum mean length of non-symbol words (strict: below is dropped).</summary>
    public double? MinAvgWordLength { get; init; } = 3;

    /// <summary>Maximum mean length of non-symbol words.</summary>
    public double? MaxAvgWordLength { get; init; } = 10;

    /// <summary>Maximum ratio of '#' characters, and of ellipses ("..." or "…"), to all tokens.</summary>
    public double? MaxSymbolWordRatio { get; init; } = 0.1;

    /// <summary>Maximum fraction of lines starting with "•" or "-" (after leading whitespace).</summary>
    public double? MaxBulletLinesRatio { get; init; } = 0.9;

    /// <summary>Maximum fraction of lines ending with "..." or "…" (before trailing whitespace).</summary>
    public double? MaxEllipsisLinesRatio { get; init; } = 0.3;

    /// <summary>Minimum fraction of tokens (punctuation tokens included) that contain a letter. datatrove's misleading
    /// name is kept (issue #202): it is a minimum of alphabetic words, not a maximum of non-alphabetic ones.</summary>
    public double? MaxNonAlphaWordsRatio { get; init; } = 0.8;

    /// <summary>Minimum number of stop-word tokens.</summary>
    public int? MinStopWords { get; init; } = 2;

    /// <summary>The stop words (case-sensitive); null means <see cref="DefaultStopWords"/>.</summary>
    public IReadOnlyList<string>? StopWords { get; init; }
}
