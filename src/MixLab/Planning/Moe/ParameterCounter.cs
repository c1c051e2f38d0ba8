namespace MixLab.Planning.Moe;

/// <summary>Parameter counts of a config (moe.md §7.3 conventions: SwiGLU = 3 matrices, GQA, router d·E, no norms or biases).</summary>
/// <param name="Total">All parameters, embeddings included.</param>
/// <param name="Active">Parameters used per token: non-expert parts, chosen and shared experts, routers, embeddings.</param>
/// <param name="NonEmbedding">Total without the input embedding and output projection.</param>
/// <param name="ActiveNonEmbedding">Active without the input embedding and output projection.</param>
/// <param name="Embedding">Input embedding plus output projection (once when tied).</param>
public sealed record ParameterCounts(long Total, long Active, long NonEmbedding, long ActiveNonEmbedding, long Embedding);

/// <summary>
/// Counts parameters exactly. Reproduces Ling-mini-2.0's published 16.26B total, 1.433B activated and 789M
/// non-embedding activated (moe.md §5.2).
/// </summary>
public static class ParameterCounter
{
    /// <summary>Counts the parameters of <paramref name="c"/>.</summary>
    public static ParameterCounts Count(MoeConfig c)
    {
        long d = c.DModel, hd = c.EffectiveHeadDim;
        long attention = d * c.Heads * hd * 2 + d * c.KvHeads * hd * 2;   // Wq, Wo; Wk, Wv
        long denseFfn = 3 * d * c.FfnSize;
        long expert = 3 * d * c.ExpertSize;
        long router = d * c.Experts;
        long denseLayers = c.IsMoe ? c.DenseLayers : c.Layers;
        long moeLayers = c.MoeLayers;
        long total = c.Layers * attention + denseLayers * denseFfn + moeLayers * ((c.Experts + (long)c.SharedExperts) * expert + router);
        long active = c.Layers * attention + denseLayers * denseFfn + moeLayers * ((c.ActiveExperts + (long)c.SharedExperts) * expert + router);
        long embedding = (c.TiedEmbeddings ? 1 : 2) * (long)c.Vocab * d;
        return new ParameterCounts(total + embedding, active + embedding, total, active, embedding);
    }
}
