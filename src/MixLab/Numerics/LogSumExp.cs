namespace MixLab.Numerics;

/// <summary>
/// Numerically stable log(Σ exp(x_k)) and its gradient (the softmax weights), the parametrisation
/// Hoffmann et al. use for log L̂ = LSE(a − α log N, b − β log D, e) (laws.md §3.1).
/// </summary>
public static class LogSumExp
{
    /// <summary>Returns log Σ exp(terms[k]) and overwrites <paramref name="terms"/> with the weights exp(x_k − LSE).</summary>
    /// <remarks>Terms equal to −∞ contribute nothing and get weight 0.</remarks>
    public static double ValueAndWeights(Span<double> terms)
    {
        double max = double.NegativeInfinity;
        foreach (double t in terms) if (t > max) max = t;
        if (double.IsNegativeInfinity(max)) { terms.Clear(); return double.NegativeInfinity; }
        double sum = 0;
        for (int k = 0; k < terms.Length; k++)
        {
            double e = Math.Exp(terms[k] - max);
            terms[k] = e;
            sum += e;
        }
        for (int k = 0; k < terms.Length; k++) terms[k] /= sum;
        return max + Math.Log(sum);
    }
}
