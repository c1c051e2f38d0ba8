namespace MixLab.Curation.Quality;

/// <summary>
/// Thresholds of <see cref="GopherRepetitionFilter"/> with datatrove 0.10.0's defaults (Gopher Table A1; curation
/// spec §2.1). Property names bind from datatrove's argument names (<c>dup_line_frac</c>, <c>top_n_grams</c>, ...).
/// A null or zero line/paragraph threshold switches its rule off; an empty n-gram list switches those rules off.
/// </summary>
public sealed class GopherRepetitionOptions
{
    public double? DupLineFrac { get; init; } = 0.3;

    public double? DupParaFrac { get; init; } = 0.3;

    public double? DupLineCharFrac { get; init; } = 0.2;

    public double? DupParaCharFrac { get; init; } = 0.2;

    /// <summary>Top n-gram rules: chars of the most frequent n-gram (space-joined) × its count / len(text).</summary>
    public IReadOnlyList<NGramThreshold> TopNGrams { get; init; } =
        [new(2, 0.2), new(3, 0.18), new(4, 0.16)];

    /// <summary>Duplicated n-gram rules: chars (no spaces) of repeated n-grams, skipping n tokens after each hit / len(text).</summary>
    public IReadOnlyList<NGramThreshold> DupNGrams { get; init; } =
        [new(5, 0.15), new(6, 0.14), new(7, 0.13), new(8, 0.12), new(9, 0.11), new(10, 0.10)];
}
