namespace MixLab.Planning;

/// <summary>One compute budget's optimal model size and token count under a Chinchilla law.</summary>
public sealed record Allocation(double Compute, double Params, double Tokens, double Loss)
{
    /// <summary>Tokens per parameter D*/N*.</summary>
    public double TokensPerParam => Tokens / Params;
}

/// <summary>
/// Compute-optimal allocation for L(N, D) = E + A/N^α + B/D^β under C = 6ND (Hoffmann et al.; Epoch AI's
/// <c>compute_optimal_allocation</c>, laws.md §3.4): G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β),
/// N*(C) = G·(C/6)^a, D*(C) = G⁻¹·(C/6)^b. E does not move the optimum.
/// </summary>
public static class ComputeOptimalAllocation
{
    /// <summary>The exponent a of N* ∝ C^a.</summary>
    public static double ParamsExponent(double alpha, double beta) => beta / (alpha + beta);

    /// <summary>The exponent b of D* ∝ C^b.</summary>
    public static double TokensExponent(double alpha, double beta) => alpha / (alpha + beta);

    /// <summary>G = (αA / (βB))^(1/(α+β)).</summary>
    public static double G(double a, double b, double alpha, double beta) => Math.Pow(alpha * a / (beta * b), 1 / (alpha + beta));

    /// <summary>N*, D* and the predicted loss at compute <paramref name="compute"/> FLOPs.</summary>
    public static Allocation At(double compute, double e, double a, double b, double alpha, double beta)
    {
        double g = G(a, b, alpha, beta);
        double n = g * Math.Pow(compute / 6, ParamsExponent(alpha, beta));
        double d = Math.Pow(compute / 6, TokensExponent(alpha, beta)) / g;
        return new Allocation(compute, n, d, e + a * Math.Pow(n, -alpha) + b * Math.Pow(d, -beta));
    }

    /// <summary>Epoch's inverse: the compute at which the optimal reducible loss L* − E equals <paramref name="reducibleLoss"/>.</summary>
    public static double ComputeFor(double reducibleLoss, double a, double b, double alpha, double beta)
    {
        double g = G(a, b, alpha, beta);
        return 6 * Math.Pow(reducibleLoss / (Math.Pow(g, -alpha) * a + Math.Pow(g, beta) * b), -(alpha + beta) / (alpha * beta));
    }
}
