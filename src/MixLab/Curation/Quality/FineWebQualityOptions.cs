namespace MixLab.Curation.Quality;

/// <summary>
/// Thresholds of <see cref="FineWebQualityFilter"/> with datatrove 0.10.0's defaults (FineWeb, Penedo et al. 2024;
/// curation spec §2.1). Property names bind from datatrove's argument names (<c>line_punct_thr</c>, ...).
/// </summary>
public sealed class FineWebQualityOptions
{
    /// <summary>Minimum fraction of non-blank lines ending in a stop char (strict: below is dropped).</summary>
    public double LinePunctThr { get; init; } = 0.12;

    /// <summary>Keep documents where no line ends in a stop char (only the zero case is exempted).</summary>
    public bool LinePunctExcludeZero { get; init; }

    /// <summary>Line-ending characters; null means <see cref="DatatroveCharSets.TerminalPunctuationChars"/>.</summary>
    public string? StopChars { get; init; }

    /// <summary>Maximum fraction of non-blank lines of at most <see cref="ShortLineLength"/> code points.</summary>
    public double ShortLineThr { get; init; } = 0.67;

    public int ShortLineLength { get; init; } = 30;

    /// <summary>Maximum chars in duplicated non-blank lines / chars of the text without '\n'.</summary>
    public double CharDuplicatesRatio { get; init; } = 0.01;

    /// <summary>Maximum '\n' count / token count.</summary>
    public double NewLineRatio { get; init; } = 0.3;
}
