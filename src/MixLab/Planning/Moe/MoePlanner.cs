namespace MixLab.Planning.Moe;

/// <summary>What <see cref="MoePlanner"/> searches under.</summary>
public sealed record MoePlanOptions
{
    /// <summary>Training compute C in FLOPs.</summary>
    public required double Compute { get; init; }
    /// <summary>Upper limit on total parameters (embeddings included), if any.</summary>
    public double? MaxTotalParams { get; init; }
    /// <summary>Upper limit on active parameters (embeddings included), if any.</summary>
    public double? MaxActiveParams { get; init; }
    /// <summary>Vocabulary size of the candidates (default the EL paper's 126,464).</summary>
    public int Vocab { get; init; } = 126_464;
    /// <summary>Context length of the candidates (the paper's 4096).</summary>
    public int Context { get; init; } = 4096;
    /// <summary>How many configs to return.</summary>
    public int Top { get; init; } = 10;
    /// <summary>FLOP convention for the model scale M.</summary>
    public FlopConvention Convention { get; init; } = FlopConvention.PaperAppendixC;
    /// <summary>The EL law to rank by.</summary>
    public EfficiencyLeverageLaw Law { get; init; } = EfficiencyLeverageLaw.Paper;
    /// <summary>Expert counts E tried.</summary>
    public int[] ExpertCounts { get; init; } = [64, 128, 256, 384, 512];
    /// <summary>Active routed experts E_a tried.</summary>
    public int[] ActiveCounts { get; init; } = [1, 2, 4, 6, 8, 12, 16];
    /// <summary>Shared experts E_s tried (the paper's heuristic: one).</summary>
    public int[] SharedCounts { get; init; } = [0, 1, 2];
    /// <summary>Smallest routed activation ratio E_a/E considered: the paper's lowest tested value (2/256 = 0.78 %); the law is not
    /// validated below it.</summary>
    public double MinActivation { get; init; } = 2.0 / 256;

    /// <summary>Granularities G = 2·d_model/d_expert tried.</summary>
    public int[] Granularities { get; init; } = [2, 4, 6, 8, 10, 12, 16];
}

/// <summary>One planned config with the numbers that justify it.</summary>
/// <param name="Config">The model.</param>
/// <param name="Counts">Its parameter counts.</param>
/// <param name="Flops">Its FLOPs per token.</param>
/// <param name="Ratios">A, S, G.</param>
/// <param name="El">Efficiency leverage at the compute (routed A).</param>
/// <param name="Tokens">Training tokens D = C / M (the paper's Eq. 2, C = M·D, with M the forward FLOPs per token).</param>
/// <param name="LearningRate">η_opt from the MoE HP law.</param>
/// <param name="BatchTokens">B_opt in tokens from the MoE HP law.</param>
/// <param name="TargetScale">The allocation law's M_opt the layout was sized to.</param>
public sealed record MoePlanCandidate(MoeConfig Config, ParameterCounts Counts, FlopCount Flops, MoeRatios Ratios, double El, double Tokens,
    double LearningRate, double BatchTokens, double TargetScale)
{
    /// <summary>Dense compute that reaches the same loss: EL × C.</summary>
    public double DenseEquivalentCompute => El * Tokens * Flops.PerToken;
}

/// <summary>The plan: the best configs and the notes that qualify them.</summary>
public sealed record MoePlan(MoePlanOptions Options, ScaleAllocation Allocation, IReadOnlyList<MoePlanCandidate> Candidates, IReadOnlyList<string> Warnings, int Searched);

/// <summary>
/// Searches activation ratio, granularity, shared experts and layout for the highest Efficiency Leverage at a compute
/// budget (arXiv 2507.17702): the model scale M comes from the MoE allocation law (Eq. 4), each (E, E_a, E_s, G) gets
/// the layout (layers, d_model, leading dense layer) within 25 % of M whose attention share of the FLOPs is closest to
/// 35 % (the paper's optimum is 30–40 %, Appendix D), constraints are applied, and the survivors are ranked by EL, then
/// by fewer total parameters. η and B come from the MoE hyper-parameter law (Eq. 3).
/// </summary>
public static class MoePlanner
{
    /// <summary>Plans at the options' compute.</summary>
    public static MoePlan Plan(MoePlanOptions o)
    {
        if (!(o.Compute > 0)) throw new ArgumentOutOfRangeException(nameof(o), "compute must be positive");
        var allocation = ScaleAllocationLaw.Moe(o.Compute);
        double targetM = allocation.ModelScale;
        var warnings = new List<string>();
        double decades = EfficiencyLeverageLaw.DecadesOutsideFittedRange(o.Compute);
        if (decades > 0)
            warnings.Add($"compute {o.Compute:G3} is {decades:F1} decades outside the range the EL law was fitted on ({EfficiencyLeverageLaw.FittedComputeRange.Low:G2} to {EfficiencyLeverageLaw.FittedComputeRange.High:G2} FLOPs): EL is extrapolated");

        var layouts = Layouts(targetM).ToList();
        var best = new List<MoePlanCandidate>();
        int searched = 0;
        foreach (int e in o.ExpertCounts)
            foreach (int ea in o.ActiveCounts.Where(a => a <= e))
                foreach (int es in o.SharedCounts)
                    foreach (int g in o.Granularities)
                    {
                        if ((double)ea / e < o.MinActivation - 1e-12) continue;
                        MoePlanCandidate? pick = null;
                        double pickMiss = double.MaxValue;
                        foreach (var (layers, d, dense) in layouts)
                        {
                            if ((2 * d) % g != 0) continue;
                            int dExpert = 2 * d / g;
                            var config = new MoeConfig
                            {
                                Name = $"E{e}-a{ea}-s{es}-G{g}-L{layers}-d{d}",
                                Layers = layers, DModel = d, Heads = d / 128, KvHeads = Math.Max(1, d / 128 / 4), HeadDim = 128,
                                FfnSize = (ea + es) * dExpert, Vocab = o.Vocab, Context = o.Context,
                                Experts = e, ActiveExperts = ea, SharedExperts = es, ExpertSize = dExpert, DenseLayers = dense,
                            };
                            searched++;
                            if (config.Problems().Count > 0) continue;
                            var flops = FlopCounter.Count(config, o.Convention);
                            if (flops.AttentionShare is < 0.2 or > 0.5) continue;
                            double scaleMiss = Math.Abs(Math.Log(flops.PerToken / targetM));
                            if (scaleMiss > Math.Log(1.25)) continue;
                            double miss = Math.Abs(flops.AttentionShare - 0.35) + 0.01 * scaleMiss;
                            if (miss >= pickMiss) continue;
                            var counts = ParameterCounter.Count(config);
                            if (o.MaxTotalParams is double maxTotal && counts.Total > maxTotal) continue;
                            if (o.MaxActiveParams is double maxActive && counts.Active > maxActive) continue;
                            var ratios = MoeRatios.Of(config);
                            double el = o.Law.At(ratios.ActivationRouted, ratios.Granularity, o.Compute);
                            pick = new MoePlanCandidate(config, counts, flops, ratios, el, o.Compute / flops.PerToken,
                                HyperParameterLaws.LearningRate(o.Compute), HyperParameterLaws.BatchTokens(o.Compute), targetM);
                            pickMiss = miss;
                        }
                        if (pick is not null) best.Add(pick);
                    }
        if (best.Count == 0) warnings.Add("no config meets the constraints at this compute; loosen --max-total-params or --max-active-params");
        var ranked = best.OrderByDescending(c => Math.Round(c.El, 6)).ThenBy(c => c.Counts.Total).Take(o.Top).ToList();
        return new MoePlan(o, allocation, ranked, warnings, searched);
    }

    /// <summary>Layouts near the target scale: layers 4–128, d_model a multiple of 128 with 32 ≤ d/L ≤ 192, 0 or 1 leading dense layer.</summary>
    private static IEnumerable<(int Layers, int DModel, int Dense)> Layouts(double targetM)
    {
        for (int layers = 4; layers <= 128; layers += 2)
            for (int d = 256; d <= 16384; d += 128)
            {
                double aspect = (double)d / layers;
                if (aspect < 32 || aspect > 192) continue;
                // Rough filter: attention alone must not exceed M, and 12·d²·L must not be far below it.
                double attentionOnly = layers * (2.5 * d * (double)d + 4.0 * 4096 * d);
                if (attentionOnly > 1.5 * targetM || attentionOnly < 0.1 * targetM) continue;
                yield return (layers, d, 0);
                yield return (layers, d, 1);
            }
    }
}
