namespace MixLab.Planning.Moe;

/// <summary>
/// A dense or mixture-of-experts decoder-only transformer: GQA attention, SwiGLU feed-forward (3 matrices), the first
/// <see cref="DenseLayers"/> layers dense and the rest MoE with <see cref="Experts"/> routed experts of size
/// <see cref="ExpertSize"/>, <see cref="ActiveExperts"/> of them chosen per token, plus <see cref="SharedExperts"/> always-on
/// experts of the same size (Towards Greater Leverage, arXiv 2507.17702, §2.1 and Appendix C). A dense model has
/// <see cref="Experts"/> = 0.
/// </summary>
public sealed record MoeConfig
{
    /// <summary>A label for outputs.</summary>
    public string Name { get; init; } = "model";
    /// <summary>Transformer layers L.</summary>
    public int Layers { get; init; }
    /// <summary>Hidden size d_model.</summary>
    public int DModel { get; init; }
    /// <summary>Attention (query) heads n_h.</summary>
    public int Heads { get; init; }
    /// <summary>Key/value heads n_kv (GQA); equal to <see cref="Heads"/> for multi-head attention.</summary>
    public int KvHeads { get; init; }
    /// <summary>Head dimension; default d_model / n_h.</summary>
    public int? HeadDim { get; init; }
    /// <summary>Intermediate size of a dense SwiGLU FFN layer d_ffn.</summary>
    public int FfnSize { get; init; }
    /// <summary>Vocabulary size V.</summary>
    public int Vocab { get; init; }
    /// <summary>Context length s used for the attention-score FLOPs.</summary>
    public int Context { get; init; } = 4096;
    /// <summary>Routed experts E per MoE layer (0 for a dense model).</summary>
    public int Experts { get; init; }
    /// <summary>Routed experts chosen per token E_a.</summary>
    public int ActiveExperts { get; init; }
    /// <summary>Shared (always active) experts E_s.</summary>
    public int SharedExperts { get; init; }
    /// <summary>Intermediate size of one expert d_expert.</summary>
    public int ExpertSize { get; init; }
    /// <summary>Leading layers that are dense even in an MoE model (first_k_dense_replace).</summary>
    public int DenseLayers { get; init; }
    /// <summary>Input embedding and output projection share weights.</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>True for a mixture-of-experts model.</summary>
    public bool IsMoe => Experts > 0;

    /// <summary>The head dimension in use.</summary>
    public int EffectiveHeadDim => HeadDim ?? (Heads > 0 ? DModel / Heads : 0);

    /// <summary>Number of MoE layers.</summary>
    public int MoeLayers => IsMoe ? Layers - DenseLayers : 0;

    /// <summary>Checks the config; returns one message per problem, naming the field (empty when valid).</summary>
    public List<string> Problems()
    {
        var p = new List<string>();
        void Positive(string field, long v) { if (v <= 0) p.Add($"{field} must be positive (got {v})"); }
        Positive("layers", Layers); Positive("d_model", DModel); Positive("heads", Heads); Positive("kv_heads", KvHeads);
        Positive("vocab", Vocab); Positive("context", Context);
        if (HeadDim is null && Heads > 0 && DModel % Heads != 0) p.Add($"heads ({Heads}) must divide d_model ({DModel}), or give head_dim");
        if (HeadDim is int hd && hd <= 0) p.Add($"head_dim must be positive (got {hd})");
        if (KvHeads > 0 && Heads % KvHeads != 0) p.Add($"kv_heads ({KvHeads}) must divide heads ({Heads})");
        if (Experts < 0) p.Add($"experts must not be negative (got {Experts})");
        if (!IsMoe || DenseLayers > 0) Positive("d_ffn", FfnSize);
        if (IsMoe)
        {
            Positive("active_experts", ActiveExperts);
            Positive("d_expert", ExpertSize);
            if (ActiveExperts > Experts) p.Add($"active_experts ({ActiveExperts}) cannot exceed experts ({Experts})");
            if (SharedExperts < 0) p.Add($"shared_experts must not be negative (got {SharedExperts})");
            if (DenseLayers < 0 || DenseLayers > Layers) p.Add($"dense_layers must be between 0 and layers ({Layers}) (got {DenseLayers})");
        }
        return p;
    }
}
