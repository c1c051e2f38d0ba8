namespace MixLab.OnlineMixing;

/// <summary>
/// Skill-It's skills graph (spec §6.2): G[i][e] = (L_e(step 0) − L_e(end)) / L_e(step 0) from a run trained only on group i
/// (m extra runs). Rows are the trained group, columns the evaluated group.
/// </summary>
public static class SkillGraph
{
    /// <summary>Estimates G from each single-group run's initial and final per-group validation losses ([run i][group e]).</summary>
    public static double[][] FromSingleGroupRuns(double[][] initialLosses, double[][] finalLosses)
    {
        int m = initialLosses.Length;
        if (finalLosses.Length != m) throw new ArgumentException($"skill graph: {m} initial and {finalLosses.Length} final loss vectors");
        var g = new double[m][];
        for (int i = 0; i < m; i++)
        {
            if (initialLosses[i].Length != m || finalLosses[i].Length != m) throw new ArgumentException($"skill graph: run {i} needs {m} losses");
            g[i] = new double[m];
            for (int e = 0; e < m; e++)
            {
                double l0 = initialLosses[i][e], l1 = finalLosses[i][e];
                if (!double.IsFinite(l0) || !double.IsFinite(l1) || l0 <= 0) throw new ArgumentException($"skill graph: run {i}, group {e}: losses {l0}, {l1} must be finite with a positive start");
                g[i][e] = (l0 - l1) / l0;
            }
        }
        return g;
    }

    /// <summary>The code's rule for a binary graph: off-diagonal 1 becomes 0.5. Other graphs are returned unchanged (copied).</summary>
    public static double[][] Prepare(double[][] graph)
    {
        bool binary = graph.All(r => r.All(v => v == 0 || v == 1));
        return graph.Select((r, i) => r.Select((v, e) => binary && i != e && v == 1 ? 0.5 : v).ToArray()).ToArray();
    }
}
