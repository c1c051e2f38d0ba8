namespace MixLab.OnlineMixing;

/// <summary>
/// Aioli's LearnParams algebra (spec §2.2): the perturbed mixtures p_{t,j} = (1−ε)·1_j + ε·Unif(m), the sweep order
/// (k independent random permutations, concatenated) and the solve A_i = P⁻¹β_i for each row i.
/// </summary>
public static class LearnParams
{
    /// <summary>The one-hot factor 1 − ε + ε/m: the weight of group j in its own perturbed mixture.</summary>
    public static double OneHotFactor(double epsilon, int m) => 1 - epsilon + epsilon / m;

    /// <summary>p_{t,j}: <paramref name="oneHotFactor"/> on group j and (1 − ohf)/(m − 1) on every other group.</summary>
    public static double[] PerturbedMixture(int m, int j, double oneHotFactor)
    {
        var p = new double[m];
        Array.Fill(p, m > 1 ? (1 - oneHotFactor) / (m - 1) : 0);
        p[j] = oneHotFactor;
        return p;
    }

    /// <summary>The sweep order: <paramref name="k"/> independent random permutations of 0..m−1, one after the other.</summary>
    public static int[] SweepOrder(int m, int k, PolicyRandom random)
    {
        var order = new int[m * k];
        for (int s = 0; s < k; s++)
        {
            var block = order.AsSpan(s * m, m);
            for (int j = 0; j < m; j++) block[j] = j;
            random.Shuffle(block);
        }
        return order;
    }

    /// <summary>
    /// Solves P·A_i = β_i for every row i, where P[j,:] = p_{t,j} and β[i][j] is the (sweep-averaged) loss drop of group i
    /// while training on mixture j. P = a·I + q·11ᵀ with q = (1 − ohf)/(m − 1), a = ohf − q, and a + m·q = 1, so
    /// P⁻¹ = (I − q·11ᵀ)/a. ohf = 1 gives A = β; <paramref name="diagonal"/> gives A = diag(β_ii / ohf) (the ablation).
    /// </summary>
    public static double[][] Solve(double[][] beta, double oneHotFactor, bool diagonal = false)
    {
        int m = beta.Length;
        var a = new double[m][];
        double q = m > 1 ? (1 - oneHotFactor) / (m - 1) : 0;
        double scale = oneHotFactor - q;
        if (!diagonal && Math.Abs(scale) < 1e-12) throw new ArgumentException($"one-hot factor {oneHotFactor} = 1/m makes every perturbed mixture uniform; A cannot be identified");
        for (int i = 0; i < m; i++)
        {
            a[i] = new double[m];
            if (diagonal) { a[i][i] = beta[i][i] / oneHotFactor; continue; }
            if (oneHotFactor == 1) { Array.Copy(beta[i], a[i], m); continue; }
            double rowSum = 0;
            for (int j = 0; j < m; j++) rowSum += beta[i][j];
            for (int j = 0; j < m; j++) a[i][j] = (beta[i][j] - q * rowSum) / scale;
        }
        return a;
    }
}
