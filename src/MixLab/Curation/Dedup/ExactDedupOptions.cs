namespace MixLab.Curation.Dedup;

/// <summary>Options of exact dedup ("exact_dedup" and its two-phase signature stage).</summary>
public sealed class ExactDedupOptions
{
    /// <summary>Hash the <see cref="DedupNormalizer"/> form (default) rather than the raw text.</summary>
    public bool Normalize { get; init; } = true;

    internal ulong HashOf(string text) =>
        Normalize ? ExactDedupSignature.Compute(text) : ExactDedupSignature.ComputeRaw(text);
}
