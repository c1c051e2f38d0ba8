namespace MixLab.Curation.Safety;

/// <summary>
/// Options of the "flagged_words" step: MixtureVitae's keyword safety rules and thresholds (curation spec §1.5,
/// reference check MV1 in §7.1). All thresholds are strict "greater than" as in the released code. Unlike the
/// released code, MixLab applies the rules to every source (spec §1.13 item 7), not only the CC-keyword branch.
/// </summary>
public sealed class FlaggedWordsOptions
{
    /// <summary>Characters at the start of the text that are screened (MixtureVitae: 1,000).</summary>
    public int WindowChars { get; init; } = 1000;

    /// <summary>Reject when the flagged ratio exceeds this (non-Wikipedia sources; MixtureVitae: 0.2).</summary>
    public double MaxFlaggedRatio { get; init; } = 0.2;

    /// <summary>Reject when the flagged ratio exceeds this for any source, Wikipedia included (MixtureVitae: 0.25).</summary>
    public double MaxFlaggedRatioWikipedia { get; init; } = 0.25;

    /// <summary>CSAM rule: reject when the flagged ratio exceeds this and the minor ratio exceeds <see cref="CsamMinorRatio"/> (0.05).</summary>
    public double CsamFlaggedRatio { get; init; } = 0.05;

    /// <summary>CSAM rule: minor-word ratio threshold (0.05).</summary>
    public double CsamMinorRatio { get; init; } = 0.05;

    /// <summary>Reject when the hate ratio exceeds this (0.1).</summary>
    public double MaxHateRatio { get; init; } = 0.1;

    /// <summary>Combined rule: reject when flagged exceeds <see cref="CombinedFlaggedRatio"/> and hate exceeds <see cref="CombinedHateRatio"/> (0.05 / 0.05).</summary>
    public double CombinedFlaggedRatio { get; init; } = 0.05;

    /// <summary>Combined rule: hate threshold (0.05).</summary>
    public double CombinedHateRatio { get; init; } = 0.05;

    /// <summary>Documents whose metadata url contains one of these are not screened (MixtureVitae's exemptions).</summary>
    public IReadOnlyList<string> ExemptUrlSubstrings { get; init; } =
        ["gutenberg.org", ".gov/", ".mil/", ".go.jp", ".gov.au", ".gov.uk"];

    /// <summary>A document is "Wikipedia" when its source or url contains this (case-insensitive).</summary>
    public string WikipediaMarker { get; init; } = "wikipedia";

    /// <summary>Optional files (one entry per line, '#' comments) replacing the built-in lists of <see cref="FlaggedWordLists"/>.</summary>
    public string? FlaggedWordsFile { get; init; }

    /// <summary>Optional file replacing the built-in minor-word list.</summary>
    public string? MinorWordsFile { get; init; }

    /// <summary>Optional file replacing the built-in hate-word list.</summary>
    public string? HateWordsFile { get; init; }

    /// <summary>Optional file replacing the built-in stop-word list.</summary>
    public string? StopwordsFile { get; init; }
}
