using MixLab.Planning;

namespace MixLab.OnlineMixing;

/// <summary>
/// Data Mixing Laws as a static policy (spec §1.4 "DML", Ye et al. 2024): the mixture minimising the aggregate of fitted
/// per-domain laws L_i(r) = c_i + k_i·exp(Σ_j t_ij r_j) (e.g. from <c>mixlab fit</c>), found by <see cref="MixtureOptimizer"/>.
/// </summary>
public sealed class DataMixingLawPolicy : FixedMixturePolicy
{
    /// <summary>Solves for the optimum once.</summary>
    public DataMixingLawPolicy(IReadOnlyList<string> domains, DataMixingLawOptions options) : base(MixingPolicies.DataMixingLaw, domains, options)
    {
        if (options.Laws.Count == 0) throw new ArgumentException("data_mixing_law: no fitted laws given (laws: [{domain, c, k, t}])");
        var terms = new List<MixingLawTerm>();
        foreach (var law in options.Laws)
        {
            foreach (var key in law.T.Keys)
                if (!Domains.Contains(key)) throw new ArgumentException($"data_mixing_law: law for '{law.Domain}' has t for unknown domain '{key}'");
            if (!double.IsFinite(law.C) || !double.IsFinite(law.K) || law.T.Values.Any(v => !double.IsFinite(v)) || !(law.Weight >= 0))
                throw new ArgumentException($"data_mixing_law: law for '{law.Domain}' has a non-finite parameter or a negative weight");
            terms.Add(new MixingLawTerm(law.Domain, law.C, law.K, Domains.Select(d => law.T.GetValueOrDefault(d)).ToArray(), law.Weight));
        }
        var lo = Domains.Select(d => options.Lower?.GetValueOrDefault(d) ?? 0).ToArray();
        var hi = Domains.Select(d => options.Upper?.GetValueOrDefault(d, 1) ?? 1).ToArray();
        Optimum = MixtureOptimizer.Minimize(Domains, terms, lo, hi);
        Current = Domains.Select(d => Optimum.Mixture[d]).ToArray();
    }

    /// <summary>The optimum and the predicted losses there.</summary>
    public MixtureOptimum Optimum { get; }

    protected override string ExtraRuns => "the sweep runs the law is fitted on (Table 2: 10)";
}
