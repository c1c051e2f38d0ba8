namespace MixLab.Curation.Safety;

/// <summary>
/// Keyword counts of one document's screening window (curation spec §1.5): the denominator (tokens longer than
/// three characters that are not stop words) and the number of matches per list, with the ratios the rules use.
/// </summary>
public readonly record struct FlaggedWordScores(int CountedTokens, int Flagged, int Minor, int Hate)
{
    /// <summary>Flagged matches per counted token (0 when nothing is counted).</summary>
    public double FlaggedRatio => Ratio(Flagged);

    /// <summary>Minor-word matches per counted token.</summary>
    public double MinorRatio => Ratio(Minor);

    /// <summary>Hate matches per counted token.</summary>
    public double HateRatio => Ratio(Hate);

    private double Ratio(int count) => CountedTokens == 0 ? 0 : (double)count / CountedTokens;
}
