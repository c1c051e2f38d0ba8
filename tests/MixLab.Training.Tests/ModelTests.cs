using MixLab.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace MixLab.Training.Tests;

/// <summary>GPT shapes, causal masking, parameter counts; MoE top-k routing and the load-balancing loss.</summary>
public class ModelTests
{
    static ModelTests() => TrainingRuntime.Initialize();

    private static ModelOptions Dense(int layers = 2, int d = 32, int heads = 4, int ctx = 16) => new() { Layers = layers, DModel = d, Heads = heads, Context = ctx, MlpRatio = 4 };

    [Fact]
    public void Logits_have_batch_time_vocab_shape()
    {
        torch.manual_seed(1);
        using var model = new GptModel(Dense(), 50);
        using var idx = torch.randint(0, 50, [3, 10], dtype: ScalarType.Int64);
        var (logits, aux) = model.forward(idx);
        Assert.Equal(new long[] { 3, 10, 50 }, logits.shape);
        Assert.Equal(0f, aux.item<float>());
    }

    [Fact]
    public void Future_tokens_do_not_change_earlier_logits()
    {
        torch.manual_seed(2);
        using var model = new GptModel(Dense(), 40);
        model.eval();
        using var _ = torch.no_grad();
        var a = torch.randint(0, 40, [1, 12], dtype: ScalarType.Int64);
        var b = a.clone();
        b[0, 8] = torch.tensor((a[0, 8].item<long>() + 1) % 40);
        var la = model.forward(a).Logits;
        var lb = model.forward(b).Logits;
        var before = (la.narrow(1, 0, 8) - lb.narrow(1, 0, 8)).abs().max().item<float>();
        var after = (la.narrow(1, 8, 4) - lb.narrow(1, 8, 4)).abs().max().item<float>();
        Assert.Equal(0f, before);
        Assert.True(after > 1e-6f, $"changing token 8 must change logits from position 8 on (max diff {after})");
    }

    [Fact]
    public void Dense_parameter_count_matches_the_hand_formula()
    {
        int v = 30, d = 16, ctx = 8, layers = 3, h = 4 * d;
        using var model = new GptModel(Dense(layers, d, 2, ctx), v);
        long perBlock = 2 * 2 * d            // two LayerNorms
            + d * 3 * d + 3 * d + d * d + d  // qkv and output projection with biases
            + d * h + h + h * d + d;         // MLP
        long expected = v * d + ctx * d + layers * perBlock + 2 * d; // tied output adds nothing
        Assert.Equal(expected, model.ParameterCount);
        Assert.Equal(expected, model.ActiveParameterCount);
    }

    [Fact]
    public void Moe_output_is_the_weighted_sum_of_each_tokens_top_k_experts()
    {
        torch.manual_seed(3);
        int d = 8, hidden = 6, experts = 4, k = 2;
        using var moe = new MoeFeedForward("moe", d, experts, k, hidden, sharedExpert: false, normalizeTopK: true);
        using (torch.no_grad())
        {
            nn.init.normal_(moe.W1, 0, 0.5); nn.init.normal_(moe.W2, 0, 0.5);
            nn.init.normal_(moe.B1, 0, 0.1); nn.init.normal_(moe.B2, 0, 0.1);
            nn.init.normal_(moe.Router.weight!, 0, 1.0);
        }
        using var _ = torch.no_grad();
        var x = torch.randn(10, d);
        var (y, _) = moe.forward(x);
        var probs = nn.functional.softmax(moe.Router.forward(x), -1).data<float>().ToArray();
        for (int n = 0; n < 10; n++)
        {
            var p = probs.Skip(n * experts).Take(experts).ToArray();
            var top = Enumerable.Range(0, experts).OrderByDescending(e => p[e]).Take(k).ToArray();
            double norm = top.Sum(e => p[e]);
            var expected = torch.zeros(d);
            foreach (var e in top)
            {
                var h1 = nn.functional.gelu(x[n].unsqueeze(0).matmul(moe.W1[e]) + moe.B1[e]);
                expected += (h1.matmul(moe.W2[e]) + moe.B2[e]).squeeze(0) * (float)(p[e] / norm);
            }
            var diff = (y[n] - expected).abs().max().item<float>();
            Assert.True(diff < 1e-5f, $"token {n}: max difference {diff} from the hand-combined top-{k} experts {string.Join(",", top)}");
        }
    }

    [Fact]
    public void Moe_routes_each_token_to_exactly_k_distinct_experts()
    {
        torch.manual_seed(4);
        using var moe = new MoeFeedForward("moe", 8, 5, 3, 4, sharedExpert: true, normalizeTopK: true);
        using var _ = torch.no_grad();
        var (probs, weights, ids) = moe.Route(torch.randn(20, 8));
        Assert.Equal(new long[] { 20, 3 }, ids.shape);
        var idv = ids.data<long>().ToArray();
        for (int n = 0; n < 20; n++) Assert.Equal(3, idv.Skip(n * 3).Take(3).Distinct().Count());
        var sums = weights.sum(-1).data<float>().ToArray();
        Assert.All(sums, s => Assert.InRange(s, 0.99999f, 1.00001f));
        Assert.NotNull(moe.Shared);
    }

    [Fact]
    public void Load_balancing_loss_is_one_for_uniform_router_probabilities()
    {
        // With P_e = 1/E for every expert, E·Σ_e f_e·P_e = Σ_e f_e = 1 whatever the tie-breaking (Switch Transformer).
        using var moe = new MoeFeedForward("moe", 8, 4, 2, 4, sharedExpert: false, normalizeTopK: true);
        using (torch.no_grad()) moe.Router.weight!.zero_();
        var (_, aux) = moe.forward(torch.randn(16, 8));
        Assert.Equal(1.0, aux.item<float>(), 5);
    }

    [Fact]
    public void Load_balancing_loss_reaches_E_over_k_when_one_set_of_k_experts_gets_everything()
    {
        // Router pushes every token to experts 0 and 1 with probability ≈ 1/2 each: f = (1/2, 1/2, 0, 0), P ≈ (1/2, 1/2, 0, 0),
        // so E·Σ f·P ≈ 4·(1/4 + 1/4) = 2 = E/k.
        int d = 4;
        using var moe = new MoeFeedForward("moe", d, 4, 2, 4, sharedExpert: false, normalizeTopK: true);
        using (torch.no_grad())
        {
            moe.Router.weight!.zero_();
            moe.Router.weight[0, 0] = torch.tensor(30f);
            moe.Router.weight[1, 0] = torch.tensor(30f);
        }
        var x = torch.ones(12, d);
        var (_, aux) = moe.forward(x);
        Assert.Equal(2.0, aux.item<float>(), 3);
    }

    [Fact]
    public void Moe_model_counts_only_k_experts_as_active()
    {
        var o = new ModelOptions { Layers = 2, DModel = 16, Heads = 2, Context = 8, Moe = new MoeOptions { Experts = 4, TopK = 1, ExpertHidden = 10, Every = 2 } };
        using var model = new GptModel(o, 20);
        Assert.Null(model.Blocks[0].Moe);
        Assert.NotNull(model.Blocks[1].Moe);
        long perExpert = 16 * 10 + 10 + 10 * 16 + 16;
        Assert.Equal(model.ParameterCount - 3 * perExpert, model.ActiveParameterCount);
        var (logits, aux) = model.forward(torch.randint(0, 20, [2, 8], dtype: ScalarType.Int64));
        Assert.Equal(new long[] { 2, 8, 20 }, logits.shape);
        Assert.True(float.IsFinite(aux.item<float>()) && aux.item<float>() > 0, "the MoE layer contributes a positive balancing loss");
    }
}
