using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MixLab.Training.Model;

/// <summary>Multi-head causal self-attention (GPT-2 style fused QKV projection, scaled dot-product attention with a causal mask).</summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv, proj;
    private readonly int _heads;

    public CausalSelfAttention(string name, int dModel, int heads) : base(name)
    {
        _heads = heads;
        qkv = nn.Linear(dModel, 3 * dModel, hasBias: true);
        proj = nn.Linear(dModel, dModel, hasBias: true);
        RegisterComponents();
    }

    /// <summary>The output projection (scaled at initialisation as a residual branch).</summary>
    public Linear Projection => proj;

    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        using var packed = qkv.forward(x).view(b, t, 3, _heads, c / _heads).permute(2, 0, 3, 1, 4);
        using var q = packed[0];
        using var k = packed[1];
        using var v = packed[2];
        using var y = nn.functional.scaled_dot_product_attention(q, k, v, null, 0.0, true);
        using var merged = y.transpose(1, 2).contiguous().view(b, t, c);
        return proj.forward(merged);
    }
}

/// <summary>The dense feed-forward layer: Linear → GELU → Linear.</summary>
public sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc, proj;

    public FeedForward(string name, int dModel, int hidden) : base(name)
    {
        fc = nn.Linear(dModel, hidden, hasBias: true);
        proj = nn.Linear(hidden, dModel, hasBias: true);
        RegisterComponents();
    }

    /// <summary>The output projection (scaled at initialisation as a residual branch).</summary>
    public Linear Projection => proj;

    public override Tensor forward(Tensor x)
    {
        using var h = fc.forward(x);
        using var a = nn.functional.gelu(h);
        return proj.forward(a);
    }
}
