using MixLab.Laws;
using MixLab.RunLogs;

namespace MixLab.Planning;

/// <summary>
/// Builds the aggregate mixing-law problem from a fitted <c>mixing</c> law (one group per evaluation domain) and
/// solves it: weights s_i per evaluation domain (default equal), bounds per training domain (default [0, 1]).
/// </summary>
public static class MixingOptimumReport
{
    /// <summary>Finds the optimum mixture. Throws <see cref="ArgumentException"/> for unknown domain names or impossible bounds.</summary>
    public static MixtureOptimum For(FitResult fit, RunLogTable table, IReadOnlyDictionary<string, double>? weights, IReadOnlyDictionary<string, (double Lower, double Upper)>? bounds)
    {
        if (fit.Law != "mixing") throw new ArgumentException("the mixture optimum needs a fit of the mixing law");
        var domains = table.MixtureDomains.ToList();
        foreach (var name in weights?.Keys ?? [])
            if (!fit.Groups.Any(g => g.Group == name)) throw new ArgumentException($"--weights names '{name}', which is not an evaluation domain ({string.Join(", ", fit.Groups.Select(g => g.Group))})");
        foreach (var name in bounds?.Keys ?? [])
            if (!domains.Contains(name)) throw new ArgumentException($"--bounds names '{name}', which is not a training domain ({string.Join(", ", domains)})");
        var terms = fit.Groups.Select(g =>
        {
            double P(string n) => g.Parameters.First(p => p.Name == n).Estimate;
            var t = domains.Select(d => g.Parameters.FirstOrDefault(p => p.Name == "t_" + d)?.Estimate ?? 0.0).ToArray();
            double w = weights is null ? 1.0 / fit.Groups.Count : weights.GetValueOrDefault(g.Group, 0);
            return new MixingLawTerm(g.Group, P("c"), P("k"), t, w);
        }).ToList();
        var lo = domains.Select(d => bounds is not null && bounds.TryGetValue(d, out var b) ? b.Lower : 0).ToArray();
        var hi = domains.Select(d => bounds is not null && bounds.TryGetValue(d, out var b) ? b.Upper : 1).ToArray();
        return MixtureOptimizer.Minimize(domains, terms, lo, hi);
    }
}
