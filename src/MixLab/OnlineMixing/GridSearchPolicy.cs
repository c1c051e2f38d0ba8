namespace MixLab.OnlineMixing;

/// <summary>
/// Grid search (spec §1.4): the sweep is N full-length static runs; this policy is run number <see cref="GridSearchOptions.Run"/>
/// of it. <see cref="Grid"/> lists the sweep (m = 2: p_1 ∈ {0.1, …, 0.9}; m ≥ 3: a Dirichlet cover) and <see cref="Best"/>
/// picks the winner from each run's average validation loss.
/// </summary>
public sealed class GridSearchPolicy : FixedMixturePolicy
{
    /// <summary>Builds the grid and takes its point <see cref="GridSearchOptions.Run"/>.</summary>
    public GridSearchPolicy(IReadOnlyList<string> domains, GridSearchOptions options) : base(MixingPolicies.GridSearch, domains, options)
    {
        if (options.Grid is not null)
        {
            var w = new List<string>();
            Grid = options.Grid.Select((g, i) => MixingMath.CheckProportions(Domains, g, $"grid point {i}", w)).ToArray();
            foreach (var m in w) Warn(m);
        }
        else Grid = DefaultGrid(Domains.Count, options.Points, options.Alpha, options.Seed);
        if (options.Run < 0 || options.Run >= Grid.Count)
            throw new ArgumentException($"grid_search: run {options.Run} is outside the grid of {Grid.Count} points");
        Current = [.. Grid[options.Run]];
    }

    /// <summary>All sweep points, in run order.</summary>
    public IReadOnlyList<double[]> Grid { get; }

    protected override string ExtraRuns => $"{Grid.Count} (the sweep)";

    /// <summary>m = 1: [1]; m = 2 and 9 points: p_1 = 0.1 … 0.9 (else an even grid of <paramref name="points"/> inside (0, 1)); m ≥ 3: <see cref="DirichletCover.Points"/>.</summary>
    public static IReadOnlyList<double[]> DefaultGrid(int m, int points, double alpha, ulong seed)
    {
        if (points < 1) throw new ArgumentException($"grid_search: points must be ≥ 1, got {points}");
        if (m == 1) return [[1.0]];
        if (m == 2) return Enumerable.Range(1, points).Select(i => { double p = (double)i / (points + 1); return new[] { p, 1 - p }; }).ToArray();
        return DirichletCover.Points(m, points, alpha, seed);
    }

    /// <summary>Index of the lowest score (e.g. average validation loss or perplexity); non-finite scores never win.</summary>
    public static int Best(IReadOnlyList<double> scores)
    {
        int best = -1;
        for (int i = 0; i < scores.Count; i++)
            if (double.IsFinite(scores[i]) && (best < 0 || scores[i] < scores[best])) best = i;
        return best >= 0 ? best : throw new ArgumentException("grid_search: no run has a finite score");
    }
}
