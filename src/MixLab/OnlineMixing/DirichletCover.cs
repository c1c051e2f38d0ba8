namespace MixLab.OnlineMixing;

/// <summary>
/// The grid-search point sets of the Aioli code's <c>dirichlet_cover.py</c> (spec §1.4): draw 2⁴·N points from a symmetric
/// Dirichlet(α), then repeatedly replace the closest pair (Euclidean) by its midpoint until N points remain.
/// </summary>
public static class DirichletCover
{
    /// <summary>N points of the m-simplex, deterministic in <paramref name="seed"/>.</summary>
    public static double[][] Points(int m, int n, double alpha, ulong seed)
    {
        if (m < 1 || n < 1 || !(alpha > 0)) throw new ArgumentException($"dirichlet cover: need m ≥ 1, n ≥ 1, α > 0 (got {m}, {n}, {alpha})");
        var rng = new PolicyRandom(seed);
        var pts = new List<double[]>(16 * n);
        for (int s = 0; s < 16 * n; s++)
        {
            var g = new double[m];
            double sum = 0;
            for (int j = 0; j < m; j++) { g[j] = rng.NextGamma(alpha); sum += g[j]; }
            for (int j = 0; j < m; j++) g[j] /= sum;
            pts.Add(g);
        }
        while (pts.Count > n)
        {
            int bi = 0, bj = 1;
            double best = double.MaxValue;
            for (int i = 0; i < pts.Count; i++)
                for (int j = i + 1; j < pts.Count; j++)
                {
                    double d = 0;
                    for (int l = 0; l < m; l++) { double x = pts[i][l] - pts[j][l]; d += x * x; }
                    if (d < best) { best = d; bi = i; bj = j; }
                }
            var mid = new double[m];
            for (int l = 0; l < m; l++) mid[l] = 0.5 * (pts[bi][l] + pts[bj][l]);
            pts.RemoveAt(bj);
            pts[bi] = mid;
        }
        return [.. pts];
    }
}
