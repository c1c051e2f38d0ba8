namespace MixLab.Planning.Moe;

/// <summary>
/// How FLOPs are counted. The EL paper's Appendix C counts attention projections at 1 FLOP per multiply-accumulate but
/// FFNs and scores at 2 (moe.md §1.2, inconsistency 2); its ">7×" is reproduced only without the score term or by 6N.
/// </summary>
public enum FlopConvention
{
    /// <summary>Appendix C as printed: projections d²(2 + 2·n_kv/n_h), scores 4·s·d, FFN 6·d·d_ffn.</summary>
    PaperAppendixC,
    /// <summary>Every matrix product at 2 FLOPs per multiply-accumulate: projections d²(4 + 4·n_kv/n_h).</summary>
    TwoFlopsPerMac,
    /// <summary>Appendix C without the context-dependent score term 4·s·d.</summary>
    ProjectionsOnly,
}

/// <summary>Forward FLOPs per token, split by part.</summary>
/// <param name="Attention">Attention projections and scores, all layers.</param>
/// <param name="Ffn">Dense and expert feed-forward, all layers (active experts only).</param>
/// <param name="Logits">Output projection 2·d·V (not part of the model scale M).</param>
/// <param name="Convention">The counting convention used.</param>
public sealed record FlopCount(double Attention, double Ffn, double Logits, FlopConvention Convention)
{
    /// <summary>Model scale M: non-embedding forward FLOPs per token (Eq. 2), logits excluded.</summary>
    public double PerToken => Attention + Ffn;

    /// <summary>Training FLOPs per token, 3 × forward (Appendix C: backward = 2 × forward).</summary>
    public double TrainingPerToken => 3 * PerToken;

    /// <summary>Share of attention in M (the paper finds 30–40 % best, Appendix D).</summary>
    public double AttentionShare => Attention / PerToken;
}

/// <summary>Names of the FLOP conventions as the command line spells them.</summary>
public static class FlopConventionNames
{
    /// <summary>"paper", "two-flops-per-mac" or "projections-only".</summary>
    public static string Of(FlopConvention c) => c switch
    {
        FlopConvention.TwoFlopsPerMac => "two-flops-per-mac",
        FlopConvention.ProjectionsOnly => "projections-only",
        _ => "paper",
    };
}

/// <summary>Forward FLOPs per token of a config by the EL paper's Appendix C (Eqs. 14–16), per convention.</summary>
public static class FlopCounter
{
    /// <summary>Counts <paramref name="c"/> under <paramref name="convention"/>.</summary>
    public static FlopCount Count(MoeConfig c, FlopConvention convention = FlopConvention.PaperAppendixC)
    {
        double d = c.DModel, hd = c.EffectiveHeadDim;
        double macs = d * c.Heads * hd * 2 + d * c.KvHeads * hd * 2; // Q, O and K, V projections (= d²(2 + 2 n_kv/n_h) when n_h·hd = d)
        double projections = convention == FlopConvention.TwoFlopsPerMac ? 2 * macs : macs;
        double scores = convention == FlopConvention.ProjectionsOnly ? 0 : 4.0 * c.Context * d;
        double attention = c.Layers * (projections + scores);
        double denseLayers = c.IsMoe ? c.DenseLayers : c.Layers;
        double ffn = denseLayers * 6 * d * c.FfnSize + c.MoeLayers * 6 * d * (c.ActiveExperts + (double)c.SharedExperts) * c.ExpertSize;
        return new FlopCount(attention, ffn, 2 * d * c.Vocab, convention);
    }
}
