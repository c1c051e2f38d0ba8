namespace MixLab.Planning.Moe;

/// <summary>
/// The EL paper's MoE hyper-parameter laws (arXiv 2507.17702, Eq. 3, fitted on 64 experts, 4 active + 1 shared):
/// η_opt = 1.1576·C^(−0.1529) and B_opt = 0.0694·C^0.3644 with B in tokens (moe.md §3.1, consistent with Ling 2.0, §5.3),
/// and their inverses.
/// </summary>
public static class HyperParameterLaws
{
    /// <summary>Optimal peak learning rate at training compute C.</summary>
    public static double LearningRate(double compute) => 1.1576 * Math.Pow(compute, -0.1529);

    /// <summary>Optimal batch size in tokens at training compute C.</summary>
    public static double BatchTokens(double compute) => 0.0694 * Math.Pow(compute, 0.3644);

    /// <summary>The compute at which the law gives learning rate η.</summary>
    public static double ComputeForLearningRate(double eta) => Math.Pow(eta / 1.1576, 1 / -0.1529);

    /// <summary>The compute at which the law gives a batch of <paramref name="tokens"/> tokens.</summary>
    public static double ComputeForBatch(double tokens) => Math.Pow(tokens / 0.0694, 1 / 0.3644);
}

/// <summary>Compute-optimal model scale M (non-embedding FLOPs per token) and tokens D with C = M·D.</summary>
public sealed record ScaleAllocation(double Compute, double ModelScale, double Tokens);

/// <summary>
/// The EL paper's compute-optimal allocation (Eq. 4, Table 1): dense M = 0.0655·C^0.5422, D = 15.2582·C^0.4578;
/// MoE (A = 7.8 %, G = 2) M = 0.1915·C^0.5095, D = 5.2232·C^0.4905.
/// </summary>
public static class ScaleAllocationLaw
{
    /// <summary>Dense allocation at compute C.</summary>
    public static ScaleAllocation Dense(double compute) => new(compute, 0.0655 * Math.Pow(compute, 0.5422), 15.2582 * Math.Pow(compute, 0.4578));

    /// <summary>MoE allocation at compute C.</summary>
    public static ScaleAllocation Moe(double compute) => new(compute, 0.1915 * Math.Pow(compute, 0.5095), 5.2232 * Math.Pow(compute, 0.4905));
}

/// <summary>
/// Krajewski et al.'s fine-grained MoE law (arXiv 2402.07871, Eq. 9, Table 1): L(N, D, G) = c + (g/G^γ + a)/N^α + b/D^β with
/// N total non-embedding parameters, D tokens and G = d_ff/d_expert = 4·d_model/d_expert; the dense law drops the g term.
/// </summary>
public static class KrajewskiLaw
{
    /// <summary>MoE loss (a 18.1, α 0.115, b 30.8, β 0.147, g 2.1, γ 0.58, c 0.47).</summary>
    public static double Moe(double parameters, double tokens, double granularity) =>
        0.47 + (2.1 / Math.Pow(granularity, 0.58) + 18.1) / Math.Pow(parameters, 0.115) + 30.8 / Math.Pow(tokens, 0.147);

    /// <summary>Dense loss (a 16.3, α 0.126, b 26.7, β 0.127, c 0.47).</summary>
    public static double Dense(double parameters, double tokens) =>
        0.47 + 16.3 / Math.Pow(parameters, 0.126) + 26.7 / Math.Pow(tokens, 0.127);
}
