namespace MixLab.Curation.Quality;

/// <summary>One n-gram rule of <see cref="GopherRepetitionFilter"/>: n-gram size and the maximum character fraction
/// (datatrove's <c>(n, frac)</c> pairs in <c>top_n_grams</c> and <c>dup_n_grams</c>).</summary>
public sealed record NGramThreshold
{
    public NGramThreshold() { }

    public NGramThreshold(int n, double fraction)
    {
        N = n;
        Fraction = fraction;
    }

    public int N { get; init; }

    public double Fraction { get; init; }
}
