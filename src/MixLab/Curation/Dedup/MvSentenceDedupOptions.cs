namespace MixLab.Curation.Dedup;

/// <summary>
/// Options of "mv_sentence_dedup", MixtureVitae's local dedup (curation spec §1.6, check MV2). Order dependent: the
/// result changes with the task count and input order, so presets leave it off.
/// </summary>
public sealed class MvSentenceDedupOptions
{
    /// <summary>Only sentences longer than this (trimmed, in UTF-16 units) count (MixtureVitae: 30).</summary>
    public int MinSentenceChars { get; init; } = 30;

    /// <summary>Drop when at least this fraction of the document's unique counted sentences was seen before (0.75).</summary>
    public double SeenFraction { get; init; } = 0.75;

    /// <summary>Skip the sentence rule for code-like text (containing "{", "\ndef ", "):" or "${"), as MixtureVitae does.</summary>
    public bool SkipCodeLike { get; init; } = true;

    /// <summary>Also drop documents whose MixtureVitae fingerprint (tokens 20-219) was seen before ("seen_fingerprint").</summary>
    public bool DocumentFingerprint { get; init; } = true;

    /// <summary>
    /// Documents with fewer fingerprint tokens than this (after the first 20 tokens and the length filter) get no
    /// fingerprint. MixtureVitae has no such floor, so short documents share an empty or near-empty fingerprint and
    /// are dropped as duplicates (spec §1.13 item 8); 10 keeps them apart. 1 gives MixtureVitae's window minus the
    /// empty-fingerprint collision.
    /// </summary>
    public int MinFingerprintTokens { get; init; } = 10;
}
