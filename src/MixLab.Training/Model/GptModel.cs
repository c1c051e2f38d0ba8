using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MixLab.Training.Model;

/// <summary>One pre-norm transformer block: x + attn(ln(x)), then x + ffn(ln(x)) with a dense or MoE feed-forward.</summary>
public sealed class TransformerBlock : nn.Module<Tensor, (Tensor Output, Tensor? AuxLoss)>
{
    private readonly LayerNorm ln1, ln2;
    private readonly CausalSelfAttention attn;
    private readonly FeedForward? mlp;
    private readonly MoeFeedForward? moe;

    public TransformerBlock(string name, ModelOptions o, bool useMoe) : base(name)
    {
        ln1 = nn.LayerNorm(o.DModel);
        ln2 = nn.LayerNorm(o.DModel);
        attn = new CausalSelfAttention("attn", o.DModel, o.Heads);
        if (useMoe)
        {
            var m = o.Moe!;
            int hidden = m.ExpertHidden > 0 ? m.ExpertHidden : Math.Max(1, o.DModel * o.MlpRatio / m.TopK);
            moe = new MoeFeedForward("moe", o.DModel, m.Experts, m.TopK, hidden, m.SharedExpert, m.NormalizeTopK);
        }
        else mlp = new FeedForward("mlp", o.DModel, o.DModel * o.MlpRatio);
        RegisterComponents();
    }

    public CausalSelfAttention Attention => attn;
    public FeedForward? Mlp => mlp;
    public MoeFeedForward? Moe => moe;

    public override (Tensor Output, Tensor? AuxLoss) forward(Tensor x)
    {
        using var n1 = ln1.forward(x);
        using var a = attn.forward(n1);
        var h = x + a;
        using var n2 = ln2.forward(h);
        if (moe is not null)
        {
            var (f, aux) = moe.forward(n2);
            using (f) { var outM = h + f; h.Dispose(); return (outM, aux); }
        }
        using var fd = mlp!.forward(n2);
        var outD = h + fd;
        h.Dispose();
        return (outD, null);
    }
}

/// <summary>
/// Decoder-only GPT for the small-scale checks (Aioli spec §7): token and learned position embeddings, pre-norm blocks,
/// final LayerNorm, output projection tied to the token embedding. GPT-2 initialisation: N(0, 0.02), residual output
/// projections scaled by 1/√(2·layers). Returns logits [B, T, V] and the summed MoE load-balancing loss (0 when dense).
/// </summary>
public sealed class GptModel : nn.Module<Tensor, (Tensor Logits, Tensor AuxLoss)>
{
    private readonly Embedding wte, wpe;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm ln_f;

    /// <summary>Builds the model; seed torch (<c>torch.manual_seed</c>) before for a reproducible initialisation.</summary>
    public GptModel(ModelOptions options, int vocabSize) : base("gpt")
    {
        Options = options;
        VocabSize = vocabSize;
        wte = nn.Embedding(vocabSize, options.DModel);
        wpe = nn.Embedding(options.Context, options.DModel);
        var list = new List<TransformerBlock>();
        for (int i = 0; i < options.Layers; i++)
            list.Add(new TransformerBlock($"block{i}", options, options.Moe is { } m && (i + 1) % m.Every == 0));
        blocks = nn.ModuleList(list.ToArray());
        ln_f = nn.LayerNorm(options.DModel);
        RegisterComponents();
        Initialise();
    }

    public ModelOptions Options { get; }
    public int VocabSize { get; }
    public IReadOnlyList<TransformerBlock> Blocks => blocks.ToList();
    public Embedding TokenEmbedding => wte;

    private void Initialise()
    {
        using var _ = torch.no_grad();
        double residual = 0.02 / Math.Sqrt(2.0 * Options.Layers);
        foreach (var (name, p) in named_parameters())
        {
            if (name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("ln", StringComparison.Ordinal) || name.EndsWith(".b1", StringComparison.Ordinal) || name.EndsWith(".b2", StringComparison.Ordinal))
                continue; // LayerNorm weights stay 1, biases 0
            bool isResidual = name.EndsWith("proj.weight", StringComparison.Ordinal) || name.EndsWith(".w2", StringComparison.Ordinal);
            nn.init.normal_(p, 0.0, isResidual ? residual : 0.02);
        }
    }

    /// <summary>All parameters (the tied output counted once).</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Parameters used per token: all but the (E − k) unused routed experts of each MoE layer.</summary>
    public long ActiveParameterCount => ParameterCount - blocks.Where(b => b.Moe is not null).Sum(b => (b.Moe!.Experts - b.Moe.TopK) * b.Moe.ParamsPerExpert);

    /// <summary>Training FLOPs per token, Kaplan et al.'s 6·N + 6·layers·context·d with N the active non-embedding parameters.</summary>
    public double FlopsPerToken
    {
        get
        {
            long embed = wte.weight!.numel() + wpe.weight!.numel();
            return 6.0 * (ActiveParameterCount - embed) + 6.0 * Options.Layers * Options.Context * Options.DModel;
        }
    }

    public override (Tensor Logits, Tensor AuxLoss) forward(Tensor idx)
    {
        long t = idx.shape[1];
        if (t > Options.Context) throw new ArgumentException($"sequence of {t} tokens is longer than the context {Options.Context}");
        using var scope = torch.NewDisposeScope();
        var pos = torch.arange(t, dtype: ScalarType.Int64);
        var x = wte.forward(idx) + wpe.forward(pos);
        Tensor aux = torch.zeros(1).squeeze();
        foreach (var block in blocks)
        {
            var (y, a) = block.forward(x);
            x = y;
            if (a is not null) aux = aux + a;
        }
        x = ln_f.forward(x);
        var logits = x.matmul(wte.weight!.t());
        return (logits.MoveToOuterDisposeScope(), aux.MoveToOuterDisposeScope());
    }

    /// <summary>Mean next-token cross-entropy of each sequence: <paramref name="tokens"/> [B, T+1] → [B] (and the aux loss).</summary>
    public (Tensor PerSequence, Tensor AuxLoss) SequenceLosses(Tensor tokens)
    {
        using var scope = torch.NewDisposeScope();
        long b = tokens.shape[0], t = tokens.shape[1] - 1;
        var input = tokens.narrow(1, 0, t);
        var target = tokens.narrow(1, 1, t);
        var (logits, aux) = forward(input);
        var ce = nn.functional.cross_entropy(logits.reshape(b * t, VocabSize), target.reshape(b * t), reduction: nn.Reduction.None);
        var perSeq = ce.view(b, t).mean([1]);
        return (perSeq.MoveToOuterDisposeScope(), aux.MoveToOuterDisposeScope());
    }
}
