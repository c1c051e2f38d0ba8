using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MixLab.Training.Model;

/// <summary>
/// Mixture-of-experts feed-forward layer (the MoE planner's model family, Tian et al. 2025): a linear router with softmax
/// probabilities, each token sent to its top-k experts (weights renormalised over the k when <c>normalize_top_k</c>), an
/// optional always-active shared expert, and the Switch-Transformer load-balancing loss E·Σ_e f_e·P_e, where f_e is the
/// share of routed (token, slot) pairs that went to expert e and P_e the mean router probability of e (1 for perfectly
/// balanced routing). Tokens are dispatched sparsely: each expert only computes the tokens routed to it.
/// </summary>
public sealed class MoeFeedForward : nn.Module<Tensor, (Tensor Output, Tensor AuxLoss)>
{
    private readonly Linear router;
    private readonly Parameter w1, b1, w2, b2;
    private readonly FeedForward? shared;
    private readonly int _experts, _topK;
    private readonly bool _normalize;

    public MoeFeedForward(string name, int dModel, int experts, int topK, int expertHidden, bool sharedExpert, bool normalizeTopK) : base(name)
    {
        _experts = experts; _topK = topK; _normalize = normalizeTopK;
        router = nn.Linear(dModel, experts, hasBias: false);
        w1 = new Parameter(torch.empty(experts, dModel, expertHidden));
        b1 = new Parameter(torch.zeros(experts, 1, expertHidden));
        w2 = new Parameter(torch.empty(experts, expertHidden, dModel));
        b2 = new Parameter(torch.zeros(experts, 1, dModel));
        if (sharedExpert) shared = new FeedForward("shared", dModel, expertHidden);
        RegisterComponents();
    }

    public int Experts => _experts;
    public int TopK => _topK;
    public Linear Router => router;
    /// <summary>Expert input weights [E, d, h].</summary>
    public Parameter W1 => w1;
    public Parameter B1 => b1;
    /// <summary>Expert output weights [E, h, d] (scaled at initialisation as a residual branch).</summary>
    public Parameter W2 => w2;
    public Parameter B2 => b2;
    public FeedForward? Shared => shared;

    /// <summary>Parameters of one routed expert (for active-parameter counts).</summary>
    public long ParamsPerExpert => w1.shape[1] * w1.shape[2] + w1.shape[2] + w2.shape[1] * w2.shape[2] + w2.shape[2];

    /// <summary>Routing of <paramref name="x"/> [N, d]: router probabilities [N, E], top-k weights [N, k] and expert ids [N, k].</summary>
    public (Tensor Probs, Tensor Weights, Tensor Experts) Route(Tensor x)
    {
        using var logits = router.forward(x);
        var probs = nn.functional.softmax(logits, -1);
        var (top, ids) = probs.topk(_topK, -1, true, true);
        if (!_normalize) return (probs, top, ids);
        using var sum = top.sum(-1, true);
        var w = top / sum;
        top.Dispose();
        return (probs, w, ids);
    }

    public override (Tensor Output, Tensor AuxLoss) forward(Tensor input)
    {
        var shape = input.shape;
        long d = shape[^1];
        using var scope = torch.NewDisposeScope();
        var x = input.reshape(-1, d);
        long n = x.shape[0];
        var (probs, weights, ids) = Route(x);
        var flatIds = ids.reshape(-1);
        var flatW = weights.reshape(-1);
        var token = torch.arange(n, dtype: ScalarType.Int64).repeat_interleave(_topK);
        var y = torch.zeros_like(x);
        for (int e = 0; e < _experts; e++)
        {
            var sel = (flatIds == e).nonzero().squeeze(-1);
            if (sel.shape[0] == 0) continue;
            var tok = token.index_select(0, sel);
            var xe = x.index_select(0, tok);
            var h = nn.functional.gelu(xe.matmul(w1[e]) + b1[e]);
            var oe = h.matmul(w2[e]) + b2[e];
            y = y.index_add(0, tok, oe * flatW.index_select(0, sel).unsqueeze(-1), 1);
        }
        if (shared is not null) y = y + shared.forward(x);
        Tensor aux;
        using (torch.no_grad())
        {
            aux = flatIds.bincount(null, _experts).to_type(ScalarType.Float32) / (float)(n * _topK);
        }
        var auxLoss = (aux * probs.mean([0])).sum() * _experts;
        return (y.reshape(shape).MoveToOuterDisposeScope(), auxLoss.MoveToOuterDisposeScope());
    }
}
